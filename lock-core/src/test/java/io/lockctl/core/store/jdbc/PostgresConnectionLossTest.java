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
import io.lockctl.core.store.StoreHealth;
import io.lockctl.core.store.postgres.PostgresStore;
import io.lockctl.core.testing.CapturedLog;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database ends the store's sessions: the batch that meets the dead connection fails as
 * UNAVAILABLE (nothing of it committed, so a retry is safe), health says writes fail, and the store
 * reconnects by itself: health serves again without any caller's write.
 */
class PostgresConnectionLossTest {
  private final CapturedLog writerLog = CapturedLog.of(GroupCommitWriter.class);
  private final CapturedLog healthLog = CapturedLog.of(StoreHealth.class);
  private final TestSchema schema = TestSchema.create();
  // A clock that stands still: no background batch meets the dead connection before the test's.
  private final PostgresStore store =
      PostgresStore.open(schema.url(), new ComplianceClock(new SettableClock(START)));

  @AfterEach
  void tearDown() throws Exception {
    try {
      store.close();
      schema.drop();
    } finally {
      writerLog.close();
      healthLog.close();
    }
  }

  @Test
  void aLostConnectionFailsTheBatchAsUnavailableAndTheStoreHealsByItself() throws Exception {
    store.write(tx -> null).join();
    terminateSessions();

    CompletionException failed =
        assertThrows(
            CompletionException.class,
            () ->
                store
                    .write(
                        tx -> {
                          tx.snapshots().insert(snapshot(id(1)));
                          return null;
                        })
                    .join());
    StorageException lost = assertInstanceOf(StorageException.class, failed.getCause());
    assertEquals(StorageFault.UNAVAILABLE, lost.fault());
    assertEquals(StoreHealth.Condition.WRITES_FAILING, store.health().condition());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (store.health().condition() != StoreHealth.Condition.SERVING) {
      assertTrue(System.nanoTime() < deadline, "health never came back");
      Thread.sleep(50);
    }
    assertTrue(store.read(tx -> tx.snapshots().find(REGION, id(1))).isEmpty());
    assertEquals(1, writerLog.thrown(Level.SEVERE).size(), "one outage, logged once");
  }

  /** Only this test's sessions: other runs may share the database. */
  private void terminateSessions() throws Exception {
    try (Connection admin = DriverManager.getConnection(schema.url());
        PreparedStatement terminate =
            admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      terminate.setString(1, schema.name());
      terminate.executeQuery().close();
    }
  }
}
