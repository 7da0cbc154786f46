package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.postgres.PostgresStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL store in a fresh schema of the test database, dropped on close. */
final class PostgresFixture extends JdbcFixture {
  private final TestSchema schema = TestSchema.create();

  PostgresFixture() {
    open();
  }

  @Override
  protected JdbcStore openStore(ComplianceClock clock) {
    return PostgresStore.open(schema.url(), clock);
  }

  @Override
  protected Connection connectDirectly() throws SQLException {
    return DriverManager.getConnection(schema.url());
  }

  @Override
  protected void drop() throws SQLException {
    schema.drop();
  }
}
