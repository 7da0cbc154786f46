package io.lockctl.core.store.jdbc;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static io.lockctl.core.store.StoreFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.store.postgres.PostgresStore;
import io.lockctl.core.testing.CapturedLog;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two PostgreSQL stores on one schema, each with its own clock, as two lockctl processes on one
 * database: one serial order of writes and one compliance clock between them.
 */
class PostgresSharedDatabaseTest {
  private static final String BATCH_LOST = "a write batch failed; nothing of it was committed";

  // Opened before the stores and closed after them: a store's background jobs and its close may
  // log too. The writer's SEVERE lines are expected only where a test drops the connections.
  private final CapturedLog writerLog = CapturedLog.of(GroupCommitWriter.class);
  private final CapturedLog storeLog = CapturedLog.of(JdbcStore.class);
  private final CapturedLog clockLog = CapturedLog.of(ComplianceClock.class);
  private boolean connectionsDropped;

  private final TestSchema schema = TestSchema.create();
  private final SettableClock systemA = new SettableClock(START);
  private final SettableClock systemB = new SettableClock(START);
  private final PostgresStore a = PostgresStore.open(schema.url(), new ComplianceClock(systemA));
  private final PostgresStore b = PostgresStore.open(schema.url(), new ComplianceClock(systemB));

  @AfterEach
  void tearDown() throws Exception {
    try {
      a.close();
      b.close();
      schema.drop();
    } finally {
      writerLog.close();
      storeLog.close();
      clockLog.close();
    }
    if (!connectionsDropped) {
      assertEquals(List.of(), writerLog.messages(Level.SEVERE));
      assertEquals(List.of(), storeLog.messages(Level.WARNING));
    }
  }

  @Test
  void readModifyWritesThroughBothStoresLoseNoUpdate() throws Exception {
    a.write(
            tx -> {
              tx.snapshots().insert(snapshot(id(1)).withRetentionDays(0));
              return null;
            })
        .join();
    int threadsPerStore = 4;
    int increments = 100;
    ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerStore);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (JdbcStore store : List.of(a, b)) {
        for (int t = 0; t < threadsPerStore; t++) {
          workers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < increments; i++) {
                      store
                          .write(
                              tx -> {
                                Snapshot current = tx.snapshots().find(REGION, id(1)).orElseThrow();
                                tx.snapshots()
                                    .update(current.withRetentionDays(current.retentionDays() + 1));
                                return null;
                              })
                          .join();
                    }
                  }));
        }
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(
        2 * threadsPerStore * increments,
        b.read(tx -> tx.snapshots().find(REGION, id(1)).orElseThrow()).retentionDays());
  }

  @Test
  void noStoreHandsOutATimeEarlierThanTheOtherUsed() {
    Instant later = START.plus(Duration.ofHours(3));
    systemA.set(later);
    assertEquals(later, a.write(tx -> tx.now()).join());

    // B's own system clock is three hours behind; what A wrote holds B's time up.
    assertEquals(later, b.write(tx -> tx.now()).join());
    systemA.set(later.plusSeconds(1));
    assertEquals(later.plusSeconds(1), a.write(tx -> tx.now()).join());
    assertEquals(later.plusSeconds(1), b.read(tx -> tx.now()));
    assertEquals(
        List.of(
            "the wall clock is 3h behind the compliance clock; it keeps counting real time from "
                + later
                + " once the wall clock is past it"),
        clockLog.messages(Level.WARNING));
  }

  @Test
  void aWriteThroughOneStoreIsSeenByTheOthersNextWriteAndRead() {
    a.write(
            tx -> {
              tx.snapshots().insert(snapshot(id(1)));
              return null;
            })
        .join();
    assertTrue(b.read(tx -> tx.snapshots().find(REGION, id(1))).isPresent());
    CompletionException duplicate =
        assertThrows(
            CompletionException.class,
            () ->
                b.write(
                        tx -> {
                          tx.snapshots().insert(snapshot(id(1)));
                          return null;
                        })
                    .join());
    assertInstanceOf(StorageException.class, duplicate.getCause());
  }

  @Test
  void bothStoresRecoverWhenTheDatabaseDropsTheirConnections() throws Exception {
    a.write(tx -> null).join();
    b.read(tx -> null); // each store now has connections open, idle between calls
    connectionsDropped = true;
    // Only this test's sessions: other runs may share the database.
    try (Connection admin = DriverManager.getConnection(schema.url());
        PreparedStatement terminate =
            admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      terminate.setString(1, schema.name());
      terminate.executeQuery().close();
    }
    // The batch on the lost connection may fail (nothing of it committed); a later one succeeds.
    boolean written = false;
    int failedAttempts = 0;
    for (int attempt = 0; attempt < 3 && !written; attempt++) {
      try {
        a.write(
                tx -> {
                  tx.snapshots().insert(snapshot(id(2)));
                  return null;
                })
            .join();
        written = true;
      } catch (CompletionException failed) {
        // known not committed, so safe to retry: the caller is told UNAVAILABLE
        StorageException lost = assertInstanceOf(StorageException.class, failed.getCause());
        assertEquals(StorageFault.UNAVAILABLE, lost.fault());
        failedAttempts++;
      }
    }
    assertTrue(written);
    // The first failed batch of the outage is logged, with the driver's exception; the stores'
    // background jobs may have lost a batch on a dropped connection too.
    List<String> severe = writerLog.messages(Level.SEVERE);
    assertTrue(severe.size() >= Math.min(1, failedAttempts), severe::toString);
    assertTrue(severe.stream().allMatch(BATCH_LOST::equals), severe::toString);
    assertTrue(
        writerLog.thrown(Level.SEVERE).stream().allMatch(SQLException.class::isInstance),
        () -> writerLog.thrown(Level.SEVERE).toString());
    // A read's dead idle connection is replaced before the read's work runs: no failure shown.
    assertTrue(b.read(tx -> tx.snapshots().find(REGION, id(2))).isPresent());
  }
}
