package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.CommitListener;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.StoreHealth;
import io.lockctl.core.store.StoreMaintenance;
import io.lockctl.core.store.StoreReads;
import io.lockctl.core.store.StoreWrites;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import io.lockctl.core.transaction.WriteScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A durable {@link Store} over SQL: writes go through a {@link GroupCommitWriter}; reads run on the
 * caller's thread on read-only connections, in transactions that see one committed state and never
 * wait for the writer. The same tables and queries serve every {@link JdbcDialect}; the subclasses
 * open the database and migrate its schema.
 */
public abstract class JdbcStore implements Store {
  private static final Logger LOG = Logger.getLogger(JdbcStore.class.getName());

  private final JdbcDialect dialect;
  private final ComplianceClock clock;
  private final GroupCommitWriter writer;
  private final ReaderPool readers;
  private final StoreHealth health = new StoreHealth();

  /** The snapshots in memory for reads; null when this store keeps none. */
  private final SnapshotReadModel model;

  private final Thread modelLoader;
  private volatile boolean closing;
  private volatile long modelLoadCpuNanos;
  private final ScheduledExecutorService maintenance =
      Executors.newSingleThreadScheduledExecutor(daemonThreads("lockctl-store-maintenance"));

  /** Opens the writer, migrates the schema and resumes the clock from the persisted mark. */
  protected JdbcStore(JdbcDialect dialect, ComplianceClock clock) {
    this(dialect, clock, ReadModelOptions.OFF);
  }

  /**
   * As {@link #JdbcStore(JdbcDialect, ComplianceClock)}, keeping a read model of the snapshots if
   * {@code readModel} asks: the store serves at once, from SQL, while the model loads in the
   * background, and reads snapshots from memory once it is loaded.
   */
  protected JdbcStore(JdbcDialect dialect, ComplianceClock clock, ReadModelOptions readModel) {
    this.dialect = dialect;
    this.clock = clock;
    if (readModel.enabled() && dialect.hasOtherWriters()) {
      throw new IllegalArgumentException("a read model needs the database's only writer");
    }
    this.model = readModel.enabled() ? new SnapshotReadModel(readModel.afterRowsLoaded()) : null;
    CachingConnection writeConnection = new CachingConnection(dialect.openWriter());
    try {
      dialect.migrate();
      dialect.maintain(writeConnection.connection(), true);
      OptionalLong persisted = HighWaterMarkTable.read(writeConnection);
      persisted.ifPresent(millis -> clock.advanceTo(Instant.ofEpochMilli(millis)));
      this.writer =
          new GroupCommitWriter(
              dialect, writeConnection, clock, persisted.orElse(Long.MIN_VALUE), health, model);
    } catch (SQLException e) {
      writeConnection.close();
      throw SqlFailures.of("opening the store in " + dialect.describe(), e);
    } catch (RuntimeException e) {
      writeConnection.close();
      throw e instanceof StorageException storage
          ? storage
          : new StorageException("opening the store in " + dialect.describe() + " failed", e);
    }
    this.readers = new ReaderPool(dialect);
    this.modelLoader = model == null ? null : startLoading(model);
    // Reads advance the clock too, and a read's now() may decide what a caller is told; persist
    // the mark soon even when no write comes, so a restart never resumes from an earlier time.
    every(Duration.ofSeconds(1), this::persistClockIfAhead);
    // Nothing else may come to show that writes work again; health must not wait for a caller.
    every(Duration.ofSeconds(1), this::probeWhileWritesFail);
    every(Duration.ofMinutes(1), this::purgeIdempotencyRecords);
    every(Duration.ofMinutes(1), this::reclaimRecycleBin);
  }

  @Override
  public final <T> CompletableFuture<T> write(Function<? super StoreWrites, ? extends T> work) {
    return submit(work, false, null);
  }

  @Override
  public final <T> CompletableFuture<T> dryRun(Function<? super StoreWrites, ? extends T> work) {
    return submit(work, true, null);
  }

  @Override
  public final <T> CompletableFuture<T> write(
      WriteScope scope, Function<? super StoreWrites, ? extends T> work) {
    return submit(work, false, scope);
  }

  @Override
  public final <T> CompletableFuture<T> dryRun(
      WriteScope scope, Function<? super StoreWrites, ? extends T> work) {
    return submit(work, true, scope);
  }

  @Override
  public final StoreHealth health() {
    return health;
  }

  private <T> CompletableFuture<T> submit(
      Function<? super StoreWrites, ? extends T> work, boolean dryRun, WriteScope scope) {
    if (health.condition() == StoreHealth.Condition.DAMAGED) {
      return CompletableFuture.failedFuture(refusedAsDamaged());
    }
    return writer.submit(work, dryRun, scope);
  }

  /**
   * A damaged store serves nothing, reads included: a missing row could tell a caller that a
   * snapshot is not locked.
   */
  private StorageException refusedAsDamaged() {
    return new StorageException(
        StorageFault.DAMAGED,
        "the store in " + dialect.describe() + " is damaged and serves nothing until a restart",
        null);
  }

  @Override
  public final <T> T read(Function<? super StoreReads, ? extends T> work) {
    if (health.condition() == StoreHealth.Condition.DAMAGED) {
      throw refusedAsDamaged();
    }
    if (closing) {
      throw new IllegalStateException("the store is closed");
    }
    try {
      return model == null ? readOnce(work) : readWithModel(work);
    } catch (StorageException e) {
      if (e.fault() == StorageFault.DAMAGED) {
        health.damaged(String.valueOf(e.getCause()));
      }
      throw e;
    }
  }

  /**
   * Reads snapshots from the model when it is loaded (see {@link ModelRead}); a read the model
   * changed under is tried again, and after a few tries, or when it needs SQL, runs on SQL.
   */
  private <T> T readWithModel(Function<? super StoreReads, ? extends T> work) {
    for (int attempt = 0; attempt < 3 && model.ready(); attempt++) {
      long stamp = model.beginRead();
      if (stamp == 0) {
        Thread.onSpinWait(); // the writer is applying a batch: a few microseconds
        continue;
      }
      ModelRead read = new ModelRead(model, stamp, readers);
      T result;
      try {
        // now() after the stamp: never earlier than any write the model shows
        result = work.apply(read.transaction(clock.now()));
      } catch (ModelRead.Retry retry) {
        if (!retry.onModel) {
          break;
        }
        continue;
      } catch (RuntimeException e) {
        if (read.retry() == null) {
          throw e;
        }
        if (!read.retry().onModel) {
          break;
        }
        continue; // the work caught the retry and failed otherwise
      } finally {
        read.close();
      }
      if (read.retry() == null) {
        return result;
      }
      if (!read.retry().onModel) {
        break;
      }
    }
    return readOnce(work);
  }

  /** Runs a read on SQL alone, whether or not the store keeps a read model. */
  final <T> T readFromSql(Function<? super StoreReads, ? extends T> work) {
    return readOnce(work);
  }

  /** Whether reads of snapshots are answered from memory now. */
  public final boolean readModelReady() {
    return model != null && model.ready();
  }

  /** The CPU time the read model's load took, once it finished; 0 before, or without one. */
  public final long readModelLoadCpuNanos() {
    return modelLoadCpuNanos;
  }

  private static long threadCpuNanos() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  /** Loads the model on a daemon thread; on failure reads stay on SQL. */
  private Thread startLoading(SnapshotReadModel model) {
    Thread loader =
        daemonThreads("lockctl-read-model-load")
            .newThread(
                () -> {
                  long started = System.nanoTime();
                  long cpuStarted = threadCpuNanos();
                  try (CachingConnection connection = new CachingConnection(dialect.openReader())) {
                    long loaded = model.load(connection, () -> closing);
                    modelLoadCpuNanos = threadCpuNanos() - cpuStarted;
                    if (model.ready()) {
                      long millis = (System.nanoTime() - started) / 1_000_000;
                      // A small store loads in moments; only a large one is worth a line.
                      LOG.log(
                          loaded >= 100_000 ? Level.INFO : Level.FINE,
                          () ->
                              "the snapshot read model holds "
                                  + loaded
                                  + " snapshots, loaded in "
                                  + millis
                                  + " ms; reads of snapshots are served from memory");
                    }
                  } catch (SQLException | RuntimeException e) {
                    model.disable("loading it failed", e);
                  }
                });
    loader.start();
    return loader;
  }

  private <T> T readOnce(Function<? super StoreReads, ? extends T> work) {
    CachingConnection connection = readers.borrow();
    boolean reusable = false;
    try {
      try {
        connection.execute("BEGIN");
      } catch (SQLException stale) {
        // The server may have closed an idle connection (a restart, an idle timeout). Nothing
        // ran on it yet, so a fresh one takes its place; a second failure is real.
        connection = readers.replace(connection);
        connection.execute("BEGIN");
      }
      try {
        if (dialect.hasOtherWriters()) {
          // Reading first pins the transaction's snapshot; taking now() after it, and no earlier
          // than the mark it read, means now() is never earlier than that of any committed write
          // this read can see, whichever process wrote it. A sole writer's writes took their
          // now() from this clock before committing, and the clock never goes back.
          HighWaterMarkTable.read(connection)
              .ifPresent(millis -> clock.advanceTo(Instant.ofEpochMilli(millis)));
        }
        return work.apply(new JdbcTransaction(connection, clock.now()));
      } finally {
        // Nothing to commit on a read-only connection; ending the transaction frees its snapshot.
        connection.execute("ROLLBACK");
        reusable = true;
      }
    } catch (SQLException e) {
      throw SqlFailures.of("a read transaction", e);
    } finally {
      if (reusable) {
        readers.giveBack(connection);
      } else {
        readers.discard(connection);
      }
    }
  }

  @Override
  public final void onCommit(CommitListener listener) {
    writer.onCommit(listener);
  }

  /** Stops accepting writes, commits the ones accepted, persists the clock and closes. */
  @Override
  public final void close() {
    closing = true;
    if (modelLoader != null) {
      try {
        modelLoader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    maintenance.shutdownNow();
    writer.close();
    readers.close();
    dialect.close();
  }

  /** Commits an empty batch (which persists the clock) if the clock moved since the last one. */
  final CompletableFuture<Void> persistClockIfAhead() {
    if (!writer.clockAheadOfDatabase()) {
      return CompletableFuture.completedFuture(null);
    }
    return logFailure(write(tx -> null), "persisting the compliance clock");
  }

  /** Commits an empty batch while writes fail: the one that commits turns health back. */
  private CompletableFuture<Void> probeWhileWritesFail() {
    if (health.condition() != StoreHealth.Condition.WRITES_FAILING) {
      return CompletableFuture.completedFuture(null);
    }
    // Its failure is the writer's to log, once per outage.
    return write(tx -> null);
  }

  /** Runs {@link StoreMaintenance#purgeExpiredRecords} now. */
  final CompletableFuture<Integer> purgeIdempotencyRecords() {
    return logFailure(
        write(StoreMaintenance::purgeExpiredRecords),
        "purging idempotency records and used unlock challenges");
  }

  /** Runs {@link StoreMaintenance#reclaimRecycleBin} now. */
  final CompletableFuture<Integer> reclaimRecycleBin() {
    return logFailure(write(StoreMaintenance::reclaimRecycleBin), "reclaiming the recycle bin");
  }

  /** Submits {@code task} periodically; each submission logs its own failure. */
  private void every(Duration period, Supplier<CompletableFuture<?>> task) {
    long millis = period.toMillis();
    var unused =
        maintenance.scheduleWithFixedDelay(
            () -> {
              var unusedSubmission = task.get();
            },
            millis,
            millis,
            TimeUnit.MILLISECONDS);
  }

  final long commitCount() {
    return writer.commitCount();
  }

  static ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Runs one statement that returns nothing. */
  public static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  public static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Committed data is safe in the database; an uncommitted transaction is meant to be lost.
      LOG.log(Level.FINE, "closing a connection failed", e);
    }
  }

  private static <T> CompletableFuture<T> logFailure(CompletableFuture<T> future, String what) {
    return future.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            LOG.log(Level.WARNING, what + " failed", failure);
          }
        });
  }
}
