package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.SnapshotRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class SqliteSnapshotRepositoryTest extends SnapshotRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
