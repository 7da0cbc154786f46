package io.lockctl.core.store.jdbc;

class SqliteRecycleBinReclaimTest extends RecycleBinReclaimContract {
  @Override
  StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
