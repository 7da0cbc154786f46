package io.lockctl.core.store.jdbc;

/** Audit rows changed directly in the embedded store's SQLite file. */
class SqliteAuditTamperTest extends AuditTamperContract {
  @Override
  JdbcFixture newFixture() {
    return new SqliteFixture();
  }
}
