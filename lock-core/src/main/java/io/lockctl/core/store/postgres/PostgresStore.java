package io.lockctl.core.store.postgres;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.jdbc.JdbcStore;

/**
 * The store on PostgreSQL, for running several lockctl processes as one service. Each process keeps
 * the embedded store's design (one writer thread committing batches of work, each item in a
 * savepoint; reads on read-only connections that never wait for it), and the database joins them:
 *
 * <ul>
 *   <li>A batch first takes advisory locks that order it after the other processes' batches it
 *       conflicts with. When every item of the batch names what it touches (a {@link
 *       io.lockctl.core.transaction.WriteScope}: the snapshot that a LockSnapshot or an
 *       UnlockSnapshot changes, and the client token's record), it waits only for batches sharing
 *       one of those keys, so writes of different resources run side by side. Any other batch waits
 *       for, and excludes, all of them, as if it were the database's only writer. Per resource,
 *       writes are linearizable, and the idempotency check (read the token's record, then write it)
 *       is as correct as with a single writer.
 *   <li>The audit log is one Merkle tree, so records need one order: a batch appends its items'
 *       records after their work, with the log's head row locked until COMMIT. Only that tail of a
 *       batch (the appends and the COMMIT) runs one batch at a time across processes.
 *   <li>The {@code compliance_clock} row holds the clock's high-water mark. A batch advances its
 *       process's clock to the mark once it holds its locks, before any item takes its {@code
 *       now()}, and raises the mark before COMMIT; so a resource's times never go back, whichever
 *       process wrote it. Records of different resources may be in the log out of time order, by as
 *       much as the processes' clocks differ. A read advances its clock to the mark its snapshot
 *       sees.
 *   <li>Reads run in REPEATABLE READ read-only transactions on a small pool of connections.
 *   <li>A batch that fails as a whole (lost connection, failed COMMIT) fails its callers with a
 *       {@link io.lockctl.core.transaction.StorageException} and is not retried, since a failed
 *       COMMIT may have been applied; clients retry with their client tokens. Deadlocks cannot
 *       arise: every batch takes its locks in one order (the all-writes lock, its keys' locks in
 *       ascending order, the head row), and readers take none.
 * </ul>
 *
 * <p>The background jobs (idempotency purge, recycle-bin reclaim, clock persistence) run in every
 * process, in batches without a scope, so running them twice is harmless.
 */
public final class PostgresStore extends JdbcStore {

  private PostgresStore(PostgresDatabase database, ComplianceClock clock) {
    super(database, clock);
  }

  /**
   * Connects to {@code jdbcUrl} (e.g. {@code jdbc:postgresql://host:5432/db?currentSchema=x}),
   * migrates the schema from {@code classpath:db/migration/postgres} and opens the store.
   */
  public static PostgresStore open(String jdbcUrl, ComplianceClock clock) {
    return new PostgresStore(new PostgresDatabase(jdbcUrl), clock);
  }
}
