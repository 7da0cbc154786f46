package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.SnapshotRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class PostgresSnapshotRepositoryTest extends SnapshotRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
