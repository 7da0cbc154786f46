package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.IdempotencyRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class PostgresIdempotencyRepositoryTest extends IdempotencyRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
