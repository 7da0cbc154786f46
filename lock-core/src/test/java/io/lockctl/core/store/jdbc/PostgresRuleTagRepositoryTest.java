package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.RuleTagRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class PostgresRuleTagRepositoryTest extends RuleTagRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
