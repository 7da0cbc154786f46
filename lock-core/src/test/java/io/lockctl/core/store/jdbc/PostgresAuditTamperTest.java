package io.lockctl.core.store.jdbc;

/** Audit rows changed directly in PostgreSQL. */
class PostgresAuditTamperTest extends AuditTamperContract {
  @Override
  JdbcFixture newFixture() {
    return new PostgresFixture();
  }
}
