package io.lockctl.core.store.memory;

import io.lockctl.core.store.SnapshotRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class MemorySnapshotRepositoryTest extends SnapshotRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
