package io.lockctl.core.store.jdbc;

class SqliteIdempotencyRepositoryTest extends IdempotencyRepositoryContract {
  @Override
  StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
