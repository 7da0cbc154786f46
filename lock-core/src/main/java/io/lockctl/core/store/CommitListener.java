package io.lockctl.core.store;

/** Told of every commit of writes, on the thread that committed them; it must return at once. */
@FunctionalInterface
public interface CommitListener {

  /**
   * @param writes the units of work the commit carried (dry runs and refused ones included)
   * @param batchNanos from the start of the transaction to the end of its COMMIT
   * @param commitNanos the COMMIT alone: where the database makes the batch durable (its fsync)
   */
  void committed(int writes, long batchNanos, long commitNanos);
}
