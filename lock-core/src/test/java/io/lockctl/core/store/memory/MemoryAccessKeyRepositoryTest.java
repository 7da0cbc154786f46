package io.lockctl.core.store.memory;

import io.lockctl.core.store.AccessKeyRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class MemoryAccessKeyRepositoryTest extends AccessKeyRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
