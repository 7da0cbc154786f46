package io.lockctl.core.store.memory;

import io.lockctl.core.store.RuleTagRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class MemoryRuleTagRepositoryTest extends RuleTagRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new MemoryFixture();
  }
}
