package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.RuleRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class PostgresRuleRepositoryTest extends RuleRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
