package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.StoreFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * A durable store over SQL on a fresh database: it can be reopened on the same data, as after a
 * restart, and its committed rows read past the store. Maintenance runs through the store's own
 * scheduled jobs.
 */
abstract class JdbcFixture extends StoreFixture {

  @Override
  protected abstract JdbcStore openStore(ComplianceClock clock);

  /** A connection to the committed database, past the store. */
  protected abstract Connection connectDirectly() throws SQLException;

  @Override
  public JdbcStore store() {
    return (JdbcStore) super.store();
  }

  /** Closes the store (if still open) and opens it on the same data with a new clock. */
  final void reopen() {
    store().close();
    open();
  }

  @Override
  public CompletableFuture<Integer> purgeExpiredRecords() {
    return store().purgeIdempotencyRecords();
  }

  @Override
  public CompletableFuture<Integer> reclaimRecycleBin() {
    return store().reclaimRecycleBin();
  }
}
