package io.lockctl.core.store;

import io.lockctl.core.transaction.Transactions;

/**
 * lockctl's durable storage: the transactions of every feature, through {@link StoreReads} and
 * {@link StoreWrites}, which implement each feature's views. Implementations batch many writes into
 * one transaction and one fsync (group commit) and complete each write's future only after that
 * transaction is durable.
 */
public interface Store extends Transactions<StoreReads, StoreWrites>, AutoCloseable {

  /** Whether the store can serve now, and the changes to come. */
  StoreHealth health();

  /** Finishes the writes already submitted, persists the clock's high-water mark and closes. */
  @Override
  void close();
}
