package io.lockctl.core.store;

import java.util.concurrent.CompletableFuture;

/**
 * lockctl's durable storage. Writes run one at a time, in one serial order, so every operation on a
 * resource is linearizable; implementations batch many writes into one transaction and one fsync
 * (group commit) and complete each write's future only after that transaction is durable. Reads see
 * only committed data and never wait behind writes.
 */
public interface Store extends AutoCloseable {

  /**
   * Runs {@code work} in the serial write order and completes with its result once its changes are
   * durable. If {@code work} throws, its own changes are rolled back (others in the same batch are
   * unaffected) and the future completes exceptionally with that exception.
   */
  <T> CompletableFuture<T> write(WriteWork<T> work);

  /**
   * Runs {@code work} in the serial write order exactly as {@link #write} would, then rolls its
   * changes back: the result a real write would have had, with nothing persisted.
   */
  <T> CompletableFuture<T> dryRun(WriteWork<T> work);

  /** Runs {@code work} against the latest committed state, on the calling thread. */
  <T> T read(ReadWork<T> work);

  /**
   * The secret that makes unlock challenges unforgeable (at least 32 random bytes): made with the
   * store and kept in it, so that it survives restarts and a challenge issued before one still
   * verifies after it.
   */
  byte[] unlockChallengeSecret();

  /** Finishes the writes already submitted, persists the clock's high-water mark and closes. */
  @Override
  void close();
}
