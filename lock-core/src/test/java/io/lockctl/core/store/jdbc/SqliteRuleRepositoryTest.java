package io.lockctl.core.store.jdbc;

class SqliteRuleRepositoryTest extends RuleRepositoryContract {
  @Override
  StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
