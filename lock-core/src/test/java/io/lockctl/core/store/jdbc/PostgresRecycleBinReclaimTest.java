package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.RecycleBinReclaimContract;
import io.lockctl.core.store.StoreFixture;

class PostgresRecycleBinReclaimTest extends RecycleBinReclaimContract {
  @Override
  protected StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
