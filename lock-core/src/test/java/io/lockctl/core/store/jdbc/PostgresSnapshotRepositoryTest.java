package io.lockctl.core.store.jdbc;

class PostgresSnapshotRepositoryTest extends SnapshotRepositoryContract {
  @Override
  StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
