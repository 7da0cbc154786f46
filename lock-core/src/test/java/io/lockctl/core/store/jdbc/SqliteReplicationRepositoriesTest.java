package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.ReplicationRepositoriesContract;
import io.lockctl.core.store.StoreFixture;

class SqliteReplicationRepositoriesTest extends ReplicationRepositoriesContract {
  @Override
  protected StoreFixture newFixture() {
    return new SqliteFixture();
  }
}
