package io.lockctl.core.store.jdbc;

class SqliteSnapshotRepositoryTest extends SnapshotRepositoryContract {
  @Override
  StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
