package io.lockctl.server.watch;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.refusal;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.regionRule;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.server.testing.WatchConsumer;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.WatchLockEventsRequest;
import io.lockctl.v1.WatchLockEventsResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WatchLockEvents in-process: replay from an index then live records, filters, refusals, a stalled
 * consumer closed WATCH_TOO_SLOW while another keeps up, and streams ended by a stop.
 */
class WatchLockEventsTest {
  private static final String SNAPSHOTS = "lrn:lockctl:cn-hangzhou:snapshot/";

  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  private static WatchLockEventsRequest from(long index) {
    return WatchLockEventsRequest.newBuilder().setStartIndex(index).setHasStartIndex(true).build();
  }

  @Test
  void replaysFromAStartIndexThenDeliversNewRecordsWithTheResourceAsTheyLeftIt() throws Exception {
    lockctl.snapshotsAs("alice").registerSnapshot(register(snapshotId(1)).build());
    lockctl.snapshots().registerSnapshot(register(snapshotId(2)).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 7).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(2), 7).setDryRun(true).build());

    try (WatchConsumer watch = WatchConsumer.fast(lockctl.channel(), from(0))) {
      List<WatchLockEventsResponse> replayed = watch.take(3);
      assertEquals(List.of(0L, 1L, 2L), indices(replayed));
      assertEquals("alice", replayed.get(0).getRecord().getPrincipal());
      assertEquals("lockctl:RegisterSnapshot", replayed.get(0).getRecord().getAction());
      assertEquals(SNAPSHOTS + snapshotId(1), replayed.get(0).getRecord().getResource());
      assertEquals(
          lockctl
              .audit()
              .listAuditEvents(io.lockctl.v1.ListAuditEventsRequest.getDefaultInstance())
              .getRecords(2),
          replayed.get(2).getRecord(),
          "record 2 as ListAuditEvents returns it");
      // each event shows the resource as its change left it: unlocked, then locked
      assertTrue(replayed.get(0).hasSnapshot());
      assertTrue(!replayed.get(0).getSnapshot().hasLock());
      assertEquals(
          LockMode.LOCK_MODE_GOVERNANCE, replayed.get(2).getSnapshot().getLock().getLockMode());
      assertEquals(
          LockStatus.LOCK_STATUS_GOVERNANCE,
          replayed.get(2).getSnapshot().getLock().getLockStatus());
      assertNull(watch.poll(200), "the dry run left no record");

      lockctl.snapshots().registerSnapshot(register(snapshotId(3)).build());
      WatchLockEventsResponse live = watch.take(1).get(0);
      assertEquals(3, live.getRecord().getIndex());
      assertEquals(snapshotId(3), live.getSnapshot().getSnapshotId());
    }

    try (WatchConsumer resumed = WatchConsumer.fast(lockctl.channel(), from(2))) {
      assertEquals(List.of(2L, 3L), indices(resumed.take(2)));
      assertNull(resumed.poll(200));
    }
  }

  @Test
  void withoutAStartIndexOnlyRecordsCommittedAfterTheStreamStartedCome() throws Exception {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    try (WatchConsumer watch =
        WatchConsumer.fast(lockctl.channel(), WatchLockEventsRequest.getDefaultInstance())) {
      // the stream opens asynchronously: write until it shows something
      WatchLockEventsResponse first = null;
      for (int n = 2; first == null && n < 50; n++) {
        lockctl.snapshots().registerSnapshot(register(snapshotId(n)).build());
        first = watch.poll(100);
      }
      assertTrue(first != null, "no event came");
      assertNotEquals(0, first.getRecord().getIndex(), "record 0 was committed before the watch");
      lockctl.snapshots().registerSnapshot(register(snapshotId(99)).build());
      List<WatchLockEventsResponse> rest = new ArrayList<>(watch.drained());
      while (rest.isEmpty()
          || !rest.get(rest.size() - 1).getSnapshot().getSnapshotId().equals(snapshotId(99))) {
        rest.addAll(watch.take(1));
      }
      List<Long> seen = new ArrayList<>(List.of(first.getRecord().getIndex()));
      seen.addAll(indices(rest));
      assertEquals(
          LongStream.range(seen.get(0), seen.get(0) + seen.size()).boxed().toList(),
          seen,
          "no gaps");
    }
  }

  @Test
  void filtersByResourcePrefixAndByAction() throws Exception {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build()); // 0
    lockctl.snapshots().registerSnapshot(register(snapshotId(2)).build()); // 1
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 7).build()); // 2
    lockctl.locks().lockSnapshot(governance(snapshotId(2), 7).build()); // 3
    String ruleId = lockctl.rules().createRule(regionRule(3).build()).getRule().getIdentifier();

    try (WatchConsumer bySnapshot =
            WatchConsumer.fast(
                lockctl.channel(),
                from(0).toBuilder().setResourcePrefix(SNAPSHOTS + snapshotId(2)).build());
        WatchConsumer byAction =
            WatchConsumer.fast(
                lockctl.channel(), from(0).toBuilder().setAction("lockctl:LockSnapshot").build());
        WatchConsumer rules =
            WatchConsumer.fast(
                lockctl.channel(),
                from(0).toBuilder().setResourcePrefix("lrn:lockctl:cn-hangzhou:rule/").build())) {
      assertEquals(List.of(1L, 3L), indices(bySnapshot.take(2)));
      assertEquals(List.of(2L, 3L), indices(byAction.take(2)));
      WatchLockEventsResponse rule = rules.take(1).get(0);
      assertEquals(4, rule.getRecord().getIndex());
      assertEquals(ruleId, rule.getRule().getIdentifier());
      assertEquals(3, rule.getRule().getRetentionPeriodDays());

      // live records pass the same filters
      lockctl.locks().lockSnapshot(governance(snapshotId(2), 9).build()); // 5
      lockctl.snapshots().registerSnapshot(register(snapshotId(3)).build()); // 6
      lockctl.locks().lockSnapshot(governance(snapshotId(3), 7).build()); // 7
      assertEquals(List.of(5L), indices(bySnapshot.take(1)));
      assertEquals(List.of(5L, 7L), indices(byAction.take(2)));
      assertNull(bySnapshot.poll(200));
      assertNull(rules.poll(0));
    }
  }

  @Test
  void refusesAStartIndexBeyondTheLogOrSentWithoutItsFlag() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    AuditServiceGrpc.AuditServiceBlockingStub audit = lockctl.audit();
    assertInvalidField(
        "INVALID_PARAMETER", "start_index", () -> audit.watchLockEvents(from(2)).hasNext());
    assertInvalidField(
        "INVALID_PARAMETER",
        "start_index",
        () ->
            audit
                .watchLockEvents(WatchLockEventsRequest.newBuilder().setStartIndex(1).build())
                .hasNext());
  }

  @Test
  void aConsumerThatStopsReadingIsClosedWhileAFastOneAndTheWritersKeepGoing() throws Exception {
    int writes = 1100; // more than a watcher may fall behind by
    lockctl.snapshots().registerSnapshot(register(snapshotId(0)).build());
    try (WatchConsumer fast = WatchConsumer.fast(lockctl.channel(), from(0));
        WatchConsumer slow = WatchConsumer.stalled(lockctl.channel(), from(0), 1)) {
      assertEquals(List.of(0L), indices(fast.take(1)));
      assertEquals(List.of(0L), indices(slow.take(1)));

      SnapshotServiceGrpc.SnapshotServiceFutureStub snapshots =
          SnapshotServiceGrpc.newFutureStub(lockctl.channel());
      List<ListenableFuture<RegisterSnapshotResponse>> written = new ArrayList<>();
      for (int n = 1; n <= writes; n++) {
        written.add(snapshots.registerSnapshot(register(snapshotId(n)).build()));
      }
      for (ListenableFuture<RegisterSnapshotResponse> write : written) {
        write.get(30, TimeUnit.SECONDS);
      }

      assertEquals(
          LongStream.rangeClosed(1, writes).boxed().toList(),
          indices(fast.take(writes)),
          "the fast consumer got every record, in order");
      StatusRuntimeException closed = slow.closedWith();
      Refusal refusal = refusal(closed);
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, refusal.status().getCode());
      assertEquals("WATCH_TOO_SLOW", refusal.errorInfo().getReason());
      assertEquals("1", refusal.errorInfo().getMetadataOrThrow("next_index"));
      assertTrue(fast.isOpen());
    }

    try (WatchConsumer resumed = WatchConsumer.fast(lockctl.channel(), from(1))) {
      assertEquals(
          LongStream.rangeClosed(1, writes).boxed().toList(),
          indices(resumed.take(writes)),
          "resuming at next_index loses nothing");
    }
  }

  @Test
  void stoppingTheServerEndsStreamsUnavailableWithoutWaitingForTheGracePeriod() throws Exception {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    try (WatchConsumer watch = WatchConsumer.fast(lockctl.channel(), from(0))) {
      watch.take(1);
      long started = System.nanoTime();
      lockctl.component().server().stop(Duration.ofSeconds(20));
      assertEquals(Status.Code.UNAVAILABLE, watch.closedWith().getStatus().getCode());
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0,
          "the stop waited for the stream");
    }
  }

  private static List<Long> indices(List<WatchLockEventsResponse> events) {
    return events.stream().map(event -> event.getRecord().getIndex()).toList();
  }
}
