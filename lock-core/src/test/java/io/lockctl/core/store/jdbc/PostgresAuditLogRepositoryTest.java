package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.AuditLogRepositoryContract;
import io.lockctl.core.store.StoreFixture;

class PostgresAuditLogRepositoryTest extends AuditLogRepositoryContract {
  @Override
  protected StoreFixture newFixture() {
    return new PostgresFixture();
  }
}
