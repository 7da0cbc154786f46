package io.lockctl.core.store.jdbc;

import static io.lockctl.core.store.StoreFixture.START;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.store.postgres.PostgresStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A store's sessions are named "lockctl" in pg_stat_activity unless its URL names them, so that a
 * DBA can tell them apart (and count the ones waiting for a lock).
 */
class PostgresSessionNameTest {
  @Test
  void sessionsAreNamedLockctlUnlessTheUrlNamesThem() throws SQLException {
    TestSchema unnamed = TestSchema.create();
    long before = sessionsNamed("lockctl");
    try (PostgresStore store =
        PostgresStore.open(
            TestSchema.DATABASE_URL + "?currentSchema=" + unnamed.name(),
            new ComplianceClock(new SettableClock(START)))) {
      store.write(tx -> null).join();
      long open = sessionsNamed("lockctl");
      assertTrue(open > before, "sessions named lockctl: " + before + " before, " + open);
    } finally {
      unnamed.drop();
    }

    TestSchema named = TestSchema.create(); // its URL names the sessions after the schema
    try (PostgresStore store =
        PostgresStore.open(named.url(), new ComplianceClock(new SettableClock(START)))) {
      store.write(tx -> null).join();
      assertTrue(sessionsNamed(named.name()) > 0, "no session named " + named.name());
    } finally {
      named.drop();
    }
  }

  private static long sessionsNamed(String name) throws SQLException {
    try (Connection admin = DriverManager.getConnection(TestSchema.DATABASE_URL);
        PreparedStatement count =
            admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      count.setString(1, name);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
