package io.lockctl.core.store.jdbc;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static io.lockctl.core.store.StoreFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.audit.AuditLogReader;
import io.lockctl.core.audit.AuditLogVerifier;
import io.lockctl.core.audit.AuditVerification;
import io.lockctl.core.audit.InMemoryNodes;
import io.lockctl.core.audit.MutationRecord;
import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.store.StoreWrites;
import io.lockctl.core.store.postgres.PostgresStore;
import io.lockctl.core.testing.CapturedLog;
import io.lockctl.core.transaction.WriteScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two PostgreSQL stores on one schema, as two lockctl processes: writes with disjoint scopes commit
 * side by side, writes sharing a key (or without a scope) wait, and the audit log stays one intact
 * tree.
 */
class PostgresScopedWritesTest {
  /** Long enough for a write that does not wait to commit on a loaded machine. */
  private static final long COMMIT_SECONDS = 20;

  /** How long a write that should wait is watched not completing. */
  private static final long WAITING_MILLIS = 500;

  private final CapturedLog writerLog = CapturedLog.of(GroupCommitWriter.class);
  private final TestSchema schema = TestSchema.create();
  private final SettableClock systemA = new SettableClock(START);
  private final SettableClock systemB = new SettableClock(START);
  private final PostgresStore a = PostgresStore.open(schema.url(), new ComplianceClock(systemA));
  private final PostgresStore b = PostgresStore.open(schema.url(), new ComplianceClock(systemB));
  private final AuditLog audit = new AuditLog();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    try {
      a.close();
      b.close();
      schema.drop();
    } finally {
      writerLog.close();
    }
    assertEquals(List.of(), writerLog.messages(Level.SEVERE));
  }

  @Test
  void writesOnDifferentResourcesCommitWhileTheOtherStoresBatchIsOpen() throws Exception {
    insertSnapshots(2);
    CompletableFuture<Void> held = holdOpen(1);
    CompletableFuture<Void> other = b.write(scope(2), incrementing(2));

    other.get(COMMIT_SECONDS, TimeUnit.SECONDS);
    assertFalse(held.isDone());
    release.countDown();
    held.get(COMMIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(List.of(1, 1), retentionDays(2));
    assertIntactLog(2);
  }

  @Test
  void aWriteSharingAKeyWaitsAndSeesTheFirstWritesChange() throws Exception {
    insertSnapshots(1);
    CompletableFuture<Void> held = holdOpen(1);
    CompletableFuture<Void> same = b.write(scope(1), incrementing(1));

    assertWaits(same);
    release.countDown();
    held.get(COMMIT_SECONDS, TimeUnit.SECONDS);
    same.get(COMMIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(List.of(2), retentionDays(1));
    assertIntactLog(2);
  }

  @Test
  void aWriteWithoutAScopeWaitsForEveryOpenBatch() throws Exception {
    insertSnapshots(1);
    CompletableFuture<Void> held = holdOpen(1);
    CompletableFuture<Void> unscoped = b.write(incrementing(1));

    assertWaits(unscoped);
    release.countDown();
    held.get(COMMIT_SECONDS, TimeUnit.SECONDS);
    unscoped.get(COMMIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(List.of(2), retentionDays(1));
  }

  @Test
  void aResourcesTimeNeverGoesBackWhicheverStoreWritesIt() {
    insertSnapshots(2);
    Instant later = START.plus(Duration.ofHours(1));
    systemA.set(later);
    assertEquals(later, a.write(scope(1), StoreWrites::now).join());

    // B's system clock is an hour behind; the mark A stored with its write holds B's time up.
    assertEquals(later, b.write(scope(1), StoreWrites::now).join());
  }

  /**
   * Seeded random read-modify-writes of a few snapshots, scoped and not, through both stores at
   * once: no update is lost, and every write's record is in the one tree, in an order that agrees
   * with each snapshot's own. A failure replays from the seed it prints.
   */
  @Test
  void concurrentWritesThroughBothStoresLoseNothingAndKeepOneTree() throws Exception {
    long seed = System.nanoTime();
    int snapshots = 4;
    int writesPerWorker = 60;
    insertSnapshots(snapshots);
    List<List<Integer>> plans = new ArrayList<>();
    Random random = new Random(seed);
    int workers = 6;
    for (int w = 0; w < workers; w++) {
      List<Integer> plan = new ArrayList<>();
      for (int i = 0; i < writesPerWorker; i++) {
        // a negative number: the same increment, without a scope
        int n = 1 + random.nextInt(snapshots);
        plan.add(random.nextInt(10) == 0 ? -n : n);
      }
      plans.add(plan);
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    Map<Integer, Integer> expected = new HashMap<>();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        PostgresStore store = w % 2 == 0 ? a : b;
        List<Integer> plan = plans.get(w);
        for (int n : plan) {
          expected.merge(Math.abs(n), 1, Integer::sum);
        }
        running.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<Void>> writes = new ArrayList<>();
                  for (int n : plan) {
                    writes.add(
                        n > 0
                            ? store.write(scope(n), incrementing(n))
                            : store.write(incrementing(-n)));
                  }
                  writes.forEach(CompletableFuture::join);
                }));
      }
      for (Future<?> worker : running) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
    List<Integer> counts = retentionDays(snapshots);
    for (int n = 1; n <= snapshots; n++) {
      assertEquals(expected.getOrDefault(n, 0), counts.get(n - 1), "seed " + seed);
    }
    assertIntactLog((long) workers * writesPerWorker);
    // Each write recorded the count it left; per snapshot, the log holds them in order.
    Map<String, Integer> lastSeen = new HashMap<>();
    for (AuditEvent event : a.read(tx -> tx.auditLog().scan(0, workers * writesPerWorker))) {
      int count = event.after().state()[0] & 0xff;
      Integer before = lastSeen.put(event.resource(), count);
      assertEquals(before == null ? 1 : before + 1, count, "seed " + seed);
    }
  }

  private void insertSnapshots(int count) {
    a.write(
            tx -> {
              for (int n = 1; n <= count; n++) {
                tx.snapshots().insert(snapshot(id(n)).withRetentionDays(0));
              }
              return null;
            })
        .join();
  }

  private static WriteScope scope(int n) {
    return WriteScope.of(id(n));
  }

  /** Adds a day to snapshot n's retention and records the write with the count it reached. */
  private Function<StoreWrites, Void> incrementing(int n) {
    return tx -> {
      Snapshot current = tx.snapshots().find(REGION, id(n)).orElseThrow();
      int count = current.retentionDays() + 1;
      tx.snapshots().update(current.withRetentionDays(count));
      audit.append(
          tx,
          new MutationRecord(
              "tester",
              "Increment",
              id(n),
              new byte[32],
              "OK",
              "",
              new ResourceState("snapshot", new byte[] {(byte) count})));
      return null;
    };
  }

  /**
   * Submits {@link #incrementing} snapshot n through A, scoped to it, and returns once that write
   * runs with its locks held; its batch stays open until the test releases it.
   */
  private CompletableFuture<Void> holdOpen(int n) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Void> held =
        a.write(
            scope(n),
            tx -> {
              incrementing(n).apply(tx);
              running.countDown();
              try {
                assertTrue(release.await(COMMIT_SECONDS, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            });
    assertTrue(running.await(COMMIT_SECONDS, TimeUnit.SECONDS), "A never ran the held write");
    return held;
  }

  private static void assertWaits(CompletableFuture<?> write) throws InterruptedException {
    Thread.sleep(WAITING_MILLIS);
    assertFalse(write.isDone());
  }

  private List<Integer> retentionDays(int count) {
    return b.read(
        tx -> {
          List<Integer> days = new ArrayList<>();
          for (int n = 1; n <= count; n++) {
            days.add(tx.snapshots().find(REGION, id(n)).orElseThrow().retentionDays());
          }
          return days;
        });
  }

  private void assertIntactLog(long size) {
    AuditVerification verification =
        b.read(
            tx -> {
              AuditLogReader log = tx.auditLog();
              InMemoryNodes nodes = new InMemoryNodes();
              nodes.putAll(log.nodesEndingIn(0, size));
              AuditLogVerifier verifier = new AuditLogVerifier(log.head().size(), nodes, List.of());
              for (AuditEvent event : log.scan(0, (int) size)) {
                verifier.check(event.index(), event.record());
              }
              return verifier.result();
            });
    assertEquals(size, assertInstanceOf(AuditVerification.Intact.class, verification).treeSize());
  }
}
