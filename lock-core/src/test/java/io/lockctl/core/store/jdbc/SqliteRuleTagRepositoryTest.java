package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.RuleTagRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class SqliteRuleTagRepositoryTest extends RuleTagRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
