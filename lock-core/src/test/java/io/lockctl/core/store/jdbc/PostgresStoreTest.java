package io.lockctl.core.store.jdbc;

class PostgresStoreTest extends StoreContract {
  @Override
  StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
