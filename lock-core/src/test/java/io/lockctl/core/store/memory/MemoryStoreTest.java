package io.lockctl.core.store.memory;

import io.lockctl.core.store.StoreContract;
import io.lockctl.core.store.StoreFixture;

class MemoryStoreTest extends StoreContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
