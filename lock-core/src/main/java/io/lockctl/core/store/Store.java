package io.lockctl.core.store;

import io.lockctl.core.backup.OnlineBackup;
import io.lockctl.core.transaction.Transactions;
import java.util.Optional;

/**
 * lockctl's durable storage: the transactions of every feature, through {@link StoreReads} and
 * {@link StoreWrites}, which implement each feature's views. Implementations batch many writes into
 * one transaction and one fsync (group commit) and complete each write's future only after that
 * transaction is durable.
 */
public interface Store extends Transactions<StoreReads, StoreWrites>, AutoCloseable {

  /** How this store copies itself while it serves, if it can. */
  default Optional<OnlineBackup> onlineBackup() {
    return Optional.empty();
  }

  /** Tells {@code listener} of every commit of writes from now on. */
  void onCommit(CommitListener listener);

  /** Whether the store can serve now, and the changes to come. */
  StoreHealth health();

  /** Finishes the writes already submitted, persists the clock's high-water mark and closes. */
  @Override
  void close();
}
