package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.AccessKeyRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class PostgresAccessKeyRepositoryTest extends AccessKeyRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
