package io.lockctl.core.transaction;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * lockctl's durable storage as a feature sees it: units of work against a transaction view that the
 * feature declares. {@code R} is its read view and {@code W} its write view; a store implements the
 * views of every feature.
 *
 * <p>Writes run one at a time, in one serial order, so every operation on a resource is
 * linearizable; a write's future completes only once its changes are durable. Writes given a {@link
 * WriteScope} are ordered only against writes sharing a key with them, so a database shared by
 * several processes may commit writes on different resources side by side; the outcome is that of
 * some serial order. Reads see only committed data and never wait behind writes.
 */
public interface Transactions<R, W> {

  /** Runs {@code work} against the latest committed state, on the calling thread. */
  <T> T read(Function<? super R, ? extends T> work);

  /**
   * Runs {@code work} in the serial write order and completes with its result once its changes are
   * durable. If {@code work} throws, its own changes are rolled back (others in the same batch are
   * unaffected) and the future completes exceptionally with that exception.
   */
  <T> CompletableFuture<T> write(Function<? super W, ? extends T> work);

  /**
   * Runs {@code work} in the serial write order exactly as {@link #write} would, then rolls its
   * changes back: the result a real write would have had, with nothing persisted.
   */
  <T> CompletableFuture<T> dryRun(Function<? super W, ? extends T> work);

  /**
   * As {@link #write(Function)}, for work that touches only what {@code scope} names (and its audit
   * record). A store with a single writer runs it as any other write.
   */
  default <T> CompletableFuture<T> write(WriteScope scope, Function<? super W, ? extends T> work) {
    return write(work);
  }

  /** As {@link #dryRun(Function)}, for work that touches only what {@code scope} names. */
  default <T> CompletableFuture<T> dryRun(WriteScope scope, Function<? super W, ? extends T> work) {
    return dryRun(work);
  }
}
