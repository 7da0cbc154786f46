package io.lockctl.core.store.jdbc;

class SqliteJdbcStoreTest extends JdbcStoreContract {
  @Override
  JdbcFixture newFixture() {
    return new SqliteFixture();
  }
}
