package io.lockctl.core.store.memory;

import io.lockctl.core.store.RecycleBinReclaimContract;
import io.lockctl.core.store.StoreFixture;

class MemoryRecycleBinReclaimTest extends RecycleBinReclaimContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
