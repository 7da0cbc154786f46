package io.lockctl.core.store.jdbc;

class PostgresRecycleBinReclaimTest extends RecycleBinReclaimContract {
  @Override
  StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
