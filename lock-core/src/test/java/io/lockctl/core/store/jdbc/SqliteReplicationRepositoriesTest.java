package io.lockctl.core.store.jdbc;

class SqliteReplicationRepositoriesTest extends ReplicationRepositoriesContract {
  @Override
  StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
