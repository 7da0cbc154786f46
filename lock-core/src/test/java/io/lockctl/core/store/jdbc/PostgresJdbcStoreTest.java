package io.lockctl.core.store.jdbc;

class PostgresJdbcStoreTest extends JdbcStoreContract {
  @Override
  JdbcFixture newFixture() {
    return new PostgresFixture();
  }
}
