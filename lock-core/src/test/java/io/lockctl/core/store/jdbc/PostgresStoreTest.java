package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.StoreContract;
import io.lockctl.core.store.StoreFixture;

class PostgresStoreTest extends StoreContract {
  @Override
  protected StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
