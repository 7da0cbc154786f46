package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.RuleRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class SqliteRuleRepositoryTest extends RuleRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
