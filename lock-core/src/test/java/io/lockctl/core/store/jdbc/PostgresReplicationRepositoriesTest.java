package io.lockctl.core.store.jdbc;

class PostgresReplicationRepositoriesTest extends ReplicationRepositoriesContract {
  @Override
  StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
