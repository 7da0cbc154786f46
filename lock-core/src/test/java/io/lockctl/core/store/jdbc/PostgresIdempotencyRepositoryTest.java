package io.lockctl.core.store.jdbc;

class PostgresIdempotencyRepositoryTest extends IdempotencyRepositoryContract {
  @Override
  StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
