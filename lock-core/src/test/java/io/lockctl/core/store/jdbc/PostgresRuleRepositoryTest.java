package io.lockctl.core.store.jdbc;

class PostgresRuleRepositoryTest extends RuleRepositoryContract {
  @Override
  StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
