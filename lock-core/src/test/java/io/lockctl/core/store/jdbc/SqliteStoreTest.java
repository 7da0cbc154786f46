package io.lockctl.core.store.jdbc;

class SqliteStoreTest extends StoreContract {
  @Override
  StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
