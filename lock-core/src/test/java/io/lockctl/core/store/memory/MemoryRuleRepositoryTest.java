package io.lockctl.core.store.memory;

import io.lockctl.core.store.RuleRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class MemoryRuleRepositoryTest extends RuleRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
