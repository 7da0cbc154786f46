package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.postgres.PostgresStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL schema written before V10, opened by this release. */
class PostgresAuditLogUpgradeTest extends AuditLogUpgradeContract {
  private final TestSchema schema = TestSchema.create();

  @Override
  FluentConfiguration flyway() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(schema.url());
    return flyway(dataSource, "classpath:db/migration/postgres").schemas(schema.name());
  }

  @Override
  Connection connectDirectly() throws SQLException {
    return DriverManager.getConnection(schema.url());
  }

  @Override
  JdbcStore openStore(ComplianceClock clock) {
    return PostgresStore.open(schema.url(), clock);
  }

  @Override
  void drop() throws SQLException {
    schema.drop();
  }
}
