package io.lockctl.core.store.memory;

import io.lockctl.core.store.IdempotencyRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class MemoryIdempotencyRepositoryTest extends IdempotencyRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
