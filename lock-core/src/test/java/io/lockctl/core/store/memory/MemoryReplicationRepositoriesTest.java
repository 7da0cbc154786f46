package io.lockctl.core.store.memory;

import io.lockctl.core.store.ReplicationRepositoriesContract;
import io.lockctl.core.store.StoreFixture;

class MemoryReplicationRepositoriesTest extends ReplicationRepositoriesContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
