package io.lockctl.core.store.memory;

import io.lockctl.core.store.AuditLogRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class MemoryAuditLogRepositoryTest extends AuditLogRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
