package io.lockctl.core.store.jdbc;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static io.lockctl.core.store.StoreFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.audit.MutationRecord;
import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.replication.Orientation;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.store.StoreWrites;
import io.lockctl.core.testing.CapturedLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the stores over SQL promise beyond {@link io.lockctl.core.store.StoreContract}, which they
 * also pass: their group-commit writer's batches (many writes to one commit, each work item in a
 * savepoint of its batch), and durability, since every acknowledged write, the clock's high-water
 * mark and the server's secrets outlive the process. The in-memory store keeps nothing across a
 * restart by design (it serves tests and simulations), so none of this is its contract. A subclass
 * per database runs it.
 */
abstract class JdbcStoreContract {
  private static final String KEY_ID = "lk-aaaaaaaaaaaaaaaaaaaa";
  private final JdbcFixture fixture = newFixture();

  /** A store on a fresh database of the kind under test. */
  abstract JdbcFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  @Test
  void failingWorkRollsBackOnlyItsOwnChangesInItsBatch() throws Exception {
    JdbcStore store = fixture.store();
    try (WriterBlock block = new WriterBlock(store)) {
      CompletableFuture<String> first =
          store.write(
              tx -> {
                tx.snapshots().insert(snapshot(id(1)));
                return "first";
              });
      IllegalStateException boom = new IllegalStateException("boom");
      CompletableFuture<String> failing =
          store.write(
              tx -> {
                tx.snapshots().insert(snapshot(id(2)));
                throw boom;
              });
      CompletableFuture<String> last =
          store.write(
              tx -> {
                tx.snapshots().insert(snapshot(id(3)));
                return "last";
              });
      block.release();

      assertEquals("first", first.get());
      assertEquals("last", last.get());
      ExecutionException failure = assertThrows(ExecutionException.class, failing::get);
      assertSame(boom, failure.getCause());
      assertEquals(2, store.commitCount() - block.commitsBefore, "blocker + one batch");
    }
    assertTrue(exists(id(1)));
    assertTrue(!exists(id(2)));
    assertTrue(exists(id(3)));
  }

  /**
   * The audit appends of a batch run at its end; those of writes that failed or were dry runs never
   * run, and a record that cannot be built fails its own write only.
   */
  @Test
  void onlyTheKeptWritesOfABatchAppendTheirAuditRecordsInOrder() throws Exception {
    JdbcStore store = fixture.store();
    AuditLog audit = new AuditLog();
    try (WriterBlock block = new WriterBlock(store)) {
      CompletableFuture<Object> first = store.write(tx -> recording(audit, tx, 1, 32));
      CompletableFuture<Object> unbuildable = store.write(tx -> recording(audit, tx, 2, 1));
      CompletableFuture<Object> failing =
          store.write(
              tx -> {
                recording(audit, tx, 3, 32);
                throw new IllegalStateException("boom");
              });
      CompletableFuture<Object> dryRun = store.dryRun(tx -> recording(audit, tx, 4, 32));
      CompletableFuture<Object> last = store.write(tx -> recording(audit, tx, 5, 32));
      block.release();

      first.get();
      last.get();
      dryRun.get();
      assertInstanceOf(
          IllegalArgumentException.class,
          assertThrows(ExecutionException.class, unbuildable::get).getCause());
      assertInstanceOf(
          IllegalStateException.class,
          assertThrows(ExecutionException.class, failing::get).getCause());
    }
    List<AuditEvent> log = store.read(tx -> tx.auditLog().scan(0, 10));
    assertEquals(List.of(id(1), id(5)), log.stream().map(AuditEvent::resource).toList());
    assertEquals(List.of(0L, 1L), log.stream().map(AuditEvent::index).toList());
    long size = store.read(tx -> tx.auditLog().head().size());
    assertEquals(2, size);
  }

  /** Appends a record of resource {@code id(n)} whose request digest has {@code digestBytes}. */
  private static Object recording(AuditLog audit, StoreWrites tx, int n, int digestBytes) {
    audit.append(
        tx,
        new MutationRecord(
            "tester", "Test", id(n), new byte[digestBytes], "OK", "", ResourceState.NONE));
    return n;
  }

  @Test
  void dryRunIsRolledBackInsideItsBatch() throws Exception {
    JdbcStore store = fixture.store();
    try (WriterBlock block = new WriterBlock(store)) {
      CompletableFuture<Boolean> dryRun =
          store.dryRun(
              tx -> {
                tx.snapshots().insert(snapshot(id(1)));
                return tx.snapshots().find(REGION, id(1)).isPresent();
              });
      CompletableFuture<Boolean> laterInSameBatch =
          store.write(tx -> tx.snapshots().find(REGION, id(1)).isPresent());
      block.release();

      assertTrue(dryRun.get());
      assertTrue(!laterInSameBatch.get());
    }
    assertTrue(!exists(id(1)));
  }

  @Test
  void queuedWritesShareCommits() throws Exception {
    JdbcStore store = fixture.store();
    store.write(tx -> null).get(); // the clock's mark is persisted: no background commit follows
    int writes = 1000;
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    try (WriterBlock block = new WriterBlock(store)) {
      for (int i = 0; i < writes; i++) {
        int n = i;
        futures.add(
            store.write(
                tx -> {
                  tx.snapshots().insert(snapshot(id(n)));
                  return n;
                }));
      }
      block.release();
      for (int i = 0; i < writes; i++) {
        assertEquals(i, futures.get(i).get());
      }
      int batches = (writes + GroupCommitWriter.MAX_BATCH - 1) / GroupCommitWriter.MAX_BATCH;
      assertEquals(1 + batches, store.commitCount() - block.commitsBefore);
    }
    assertEquals(writes, countSnapshots());
  }

  @Test
  void eachWorkItemOfABatchTakesItsOwnTimeWhenItStarts() throws Exception {
    JdbcStore store = fixture.store();
    try (WriterBlock block = new WriterBlock(store)) {
      CompletableFuture<Instant> first =
          store.write(
              tx -> {
                fixture.system().advance(Duration.ofHours(1));
                return tx.now();
              });
      CompletableFuture<Instant> second = store.write(tx -> tx.now());
      block.release();
      assertEquals(START, first.get());
      assertEquals(START.plus(Duration.ofHours(1)), second.get());
    }
  }

  @Test
  void reopeningFindsEveryAcknowledgedWrite() throws Exception {
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Snapshot snapshot = snapshot(id(i)).withRetentionDays(i);
      writes.add(
          fixture
              .store()
              .write(
                  tx -> {
                    tx.snapshots().insert(snapshot);
                    return null;
                  }));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();

    fixture.reopen();

    for (int i = 0; i < 50; i++) {
      String id = id(i);
      assertEquals(
          snapshot(id).withRetentionDays(i),
          fixture.store().read(tx -> tx.snapshots().find(REGION, id)).orElseThrow());
    }
  }

  @Test
  void closeCommitsAcceptedWritesThenRefusesNewOnes() throws Exception {
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Snapshot snapshot = snapshot(id(i));
      writes.add(
          fixture
              .store()
              .write(
                  tx -> {
                    tx.snapshots().insert(snapshot);
                    return null;
                  }));
    }
    JdbcStore closed = fixture.store();
    closed.close();
    closed.close(); // idempotent

    for (CompletableFuture<Void> write : writes) {
      write.get(10, TimeUnit.SECONDS);
    }
    ExecutionException refused =
        assertThrows(
            ExecutionException.class, () -> closed.write(tx -> null).get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, refused.getCause());
    assertThrows(IllegalStateException.class, () -> closed.read(tx -> null));

    fixture.reopen();
    assertEquals(100, countSnapshots());
  }

  @Test
  void clockHighWaterMarkSurvivesRestartWhenSystemClockStepsBack() {
    Instant later = START.plus(Duration.ofHours(1));
    fixture.system().set(later);
    assertEquals(later, fixture.store().write(tx -> tx.now()).join());

    fixture.system().set(START.minus(Duration.ofDays(1)));
    try (CapturedLog clockLog = CapturedLog.of(ComplianceClock.class)) {
      fixture.reopen();

      assertEquals(later, fixture.store().read(tx -> tx.now()));
      assertEquals(later, fixture.store().write(tx -> tx.now()).join());
      assertEquals(
          List.of(
              "the wall clock is 25h behind the compliance clock; it keeps counting real time from "
                  + later
                  + " once the wall clock is past it"),
          clockLog.messages(Level.WARNING));
    }
  }

  @Test
  void clockAdvancedOnlyByReadsIsPersistedInTheBackground() throws Exception {
    Instant later = START.plus(Duration.ofHours(2));
    fixture.system().set(later);
    assertEquals(later, fixture.store().read(tx -> tx.now()));

    fixture.store().persistClockIfAhead().get();

    assertEquals(later.toEpochMilli(), persistedHighWaterMillis());
  }

  @Test
  void theChallengeSecretIsMadeOnceAndSurvivesARestart() {
    byte[] first = secret();
    assertEquals(32, first.length);

    fixture.reopen();

    assertArrayEquals(first, secret());
  }

  @Test
  void everythingSurvivesARestart() {
    Instant t0 = START;
    LockKey key =
        new LockKey(KEY_ID, "backup-key", "comment", "-----BEGIN PUBLIC KEY-----\n", false, t0);
    TargetRelationship relationship =
        new TargetRelationship(
            "00000000-0000-4000-8000-000000000001",
            REGION,
            "cluster-1",
            "/src/1",
            "/dst/1",
            Duration.ofDays(7),
            Orientation.REVERSED,
            KEY_ID,
            null,
            t0);
    fixture
        .store()
        .write(
            tx -> {
              tx.lockKeys().insert(key);
              tx.targetRelationships().insert(relationship);
              tx.usedUnlockChallenges().insert("nonce-1", t0.plus(Duration.ofMinutes(6)));
              return null;
            })
        .join();

    fixture.reopen();

    assertEquals(Optional.of(key), fixture.store().read(tx -> tx.lockKeys().findById(KEY_ID)));
    assertEquals(
        Optional.of(relationship),
        fixture.store().read(tx -> tx.targetRelationships().find(relationship.id())));
    assertTrue(fixture.store().dryRun(tx -> tx.usedUnlockChallenges().contains("nonce-1")).join());
  }

  private byte[] secret() {
    return fixture.store().write(tx -> tx.secrets().getOrCreate("unlock-challenge", 32)).join();
  }

  private boolean exists(String id) {
    return fixture.store().read(tx -> tx.snapshots().find(REGION, id)).isPresent();
  }

  private long countSnapshots() throws SQLException {
    return queryLong("SELECT count(*) FROM snapshot");
  }

  private long persistedHighWaterMillis() throws SQLException {
    return queryLong("SELECT high_water_millis FROM compliance_clock");
  }

  /** Reads the committed database directly, past the store. */
  private long queryLong(String sql) throws SQLException {
    try (Connection connection = fixture.connectDirectly();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      assertTrue(row.next());
      return row.getLong(1);
    }
  }

  /**
   * Holds the writer inside a work item until released, so that what is submitted meanwhile is
   * queued and runs as one batch (or as few as the batch limit allows).
   */
  private static final class WriterBlock implements AutoCloseable {
    final long commitsBefore;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CompletableFuture<Object> blocker;

    WriterBlock(JdbcStore store) throws InterruptedException {
      CountDownLatch running = new CountDownLatch(1);
      commitsBefore = store.commitCount();
      blocker =
          store.write(
              tx -> {
                running.countDown();
                try {
                  assertTrue(
                      released.await(30, TimeUnit.SECONDS), "test never released the writer");
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                return null;
              });
      assertTrue(running.await(30, TimeUnit.SECONDS), "writer never ran the blocker");
    }

    void release() {
      released.countDown();
    }

    @Override
    public void close() {
      release();
      blocker.orTimeout(30, TimeUnit.SECONDS).join();
    }
  }
}
