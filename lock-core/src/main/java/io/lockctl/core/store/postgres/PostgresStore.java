package io.lockctl.core.store.postgres;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.jdbc.JdbcStore;

/**
 * The store on PostgreSQL, for running several lockctl processes as one service. Each process keeps
 * the embedded store's design (one writer thread committing batches of work, each item in a
 * savepoint; reads on read-only connections that never wait for it), and the database joins them:
 *
 * <ul>
 *   <li>Every write batch first locks the one row of {@code compliance_clock} and holds it until
 *       COMMIT. Batches of all processes therefore run one at a time, in one global serial order;
 *       per-resource linearizability and the idempotency check (read the token's record, then write
 *       it) are as correct as with a single writer. The price is that writes do not scale with
 *       replicas: the replicas add availability and read capacity, and group commit keeps the
 *       serial section short (one round of statements and one fsync per batch).
 *   <li>The row holds the compliance clock's high-water mark. A batch advances its process's clock
 *       to the mark before any item takes its {@code now()}, and raises the mark before COMMIT; a
 *       read advances its clock to the mark its snapshot sees. So no process hands out a time
 *       earlier than one another process already used.
 *   <li>Reads run in REPEATABLE READ read-only transactions on a small pool of connections.
 *   <li>A batch that fails as a whole (lost connection, failed COMMIT) fails its callers with a
 *       {@link io.lockctl.core.store.StorageException} and is not retried, since a failed COMMIT
 *       may have been applied; clients retry with their client tokens. Serialization failures and
 *       deadlocks cannot arise: writers take the one lock first, and readers take none.
 * </ul>
 *
 * <p>The background jobs (idempotency purge, recycle-bin reclaim, clock persistence) run in every
 * process; each goes through the serial order, so running them twice is harmless.
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
