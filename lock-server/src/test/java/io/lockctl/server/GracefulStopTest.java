package io.lockctl.server;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.common.util.concurrent.ListenableFuture;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.store.Store;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.TestStores;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GracefulStopTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void aStopLetsCallsInFlightFinishAndOnlyThenClosesTheStore() throws Exception {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    CountDownLatch release = new CountDownLatch(1);
    // hold the store's writer, so the lock below stays in flight until the test lets it go
    var unused =
        lockctl
            .component()
            .store()
            .write(
                tx -> {
                  await(release);
                  return null;
                });
    CompletableFuture<Void> stopping;
    ListenableFuture<LockSnapshotResponse> inFlight;
    try {
      inFlight =
          SnapshotLockServiceGrpc.newFutureStub(lockctl.locks().getChannel())
              .lockSnapshot(governance(snapshotId(1), 5).build());
      lockctl
          .component()
          .startedCalls()
          .awaitStart(SnapshotLockServiceGrpc.getLockSnapshotMethod().getFullMethodName());

      stopping =
          CompletableFuture.runAsync(
              () -> lockctl.component().server().stop(Duration.ofSeconds(30)));
      assertFalse(stopping.isDone(), "the stop must wait for the call in flight");
    } finally {
      release.countDown();
    }

    assertEquals(
        5, inFlight.get(30, TimeUnit.SECONDS).getLockedSnapshotInfo().getLockDurationDays());
    stopping.get(30, TimeUnit.SECONDS);
    try (Store reopened =
        TestStores.open(
            lockctl.dataDir(), new ComplianceClock(new SettableClock(InProcessLockctl.START)))) {
      Snapshot stored =
          reopened.read(tx -> tx.snapshots().find(REGION, snapshotId(1)).orElseThrow());
      assertEquals(new LockTerm.Days(5), stored.lock().term());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the writer");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }
}
