package io.lockctl.core.store.sqlite;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.ReadWork;
import io.lockctl.core.store.StorageException;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.WriteWork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded durable {@link Store}: one SQLite file in WAL mode. Writes go through a
 * {@link GroupCommitWriter}; reads run on the caller's thread on read-only connections, which WAL
 * lets proceed while the writer commits.
 */
public final class SqliteStore implements Store {
  /** Records must live at least 24 hours; the extra hour keeps that true at the edges. */
  static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(25);
  private static final Logger LOG = Logger.getLogger(SqliteStore.class.getName());

  private final ComplianceClock clock;
  private final GroupCommitWriter writer;
  private final ReaderPool readers;
  private final byte[] unlockChallengeSecret;
  private final ScheduledExecutorService maintenance =
      Executors.newSingleThreadScheduledExecutor(daemonThreads("lockctl-store-maintenance"));

  private SqliteStore(ComplianceClock clock, GroupCommitWriter writer, ReaderPool readers,
      byte[] unlockChallengeSecret) {
    this.clock = clock;
    this.writer = writer;
    this.readers = readers;
    this.unlockChallengeSecret = unlockChallengeSecret;
    // Reads advance the clock too, and a read's now() may decide what a caller is told; persist
    // the mark soon even when no write comes, so a restart never resumes from an earlier time.
    maintenance.scheduleWithFixedDelay(this::persistClockIfAhead, 1, 1, TimeUnit.SECONDS);
    maintenance.scheduleWithFixedDelay(this::purgeIdempotencyRecords, 1, 1, TimeUnit.MINUTES);
    maintenance.scheduleWithFixedDelay(this::reclaimRecycleBin, 1, 1, TimeUnit.MINUTES);
  }

  /** Opens (creating if needed) the store in {@code dataDir}, migrating its schema. */
  public static SqliteStore open(Path dataDir, ComplianceClock clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StorageException("creating the data directory " + dataDir + " failed", e);
    }
    SqliteDatabase database = new SqliteDatabase(dataDir);
    Connection writeConnection = database.openWriter();
    try {
      database.migrate();
      SqliteDatabase.optimize(writeConnection, true);
      byte[] unlockChallengeSecret = ChallengeSecretTable.readOrCreate(writeConnection);
      OptionalLong persisted = HighWaterMarkTable.read(writeConnection);
      persisted.ifPresent(millis -> clock.advanceTo(Instant.ofEpochMilli(millis)));
      GroupCommitWriter writer =
          new GroupCommitWriter(writeConnection, clock, persisted.orElse(Long.MIN_VALUE));
      return new SqliteStore(clock, writer, new ReaderPool(database), unlockChallengeSecret);
    } catch (SQLException | RuntimeException e) {
      SqliteDatabase.closeQuietly(writeConnection);
      throw e instanceof StorageException storage
          ? storage
          : new StorageException("opening the store in " + dataDir + " failed", e);
    }
  }

  @Override
  public <T> CompletableFuture<T> write(WriteWork<T> work) {
    return writer.submit(work, false);
  }

  @Override
  public <T> CompletableFuture<T> dryRun(WriteWork<T> work) {
    return writer.submit(work, true);
  }

  @Override
  public <T> T read(ReadWork<T> work) {
    Connection connection = readers.borrow();
    boolean reusable = false;
    try {
      SqliteDatabase.execute(connection, "BEGIN");
      try {
        // Reading first pins the transaction's snapshot; taking now() after it means now() is
        // never earlier than that of any committed write this read can see.
        HighWaterMarkTable.read(connection);
        return work.run(new SqliteTransaction(connection, clock.now()));
      } finally {
        // Nothing to commit on a read-only connection; ending the transaction frees its snapshot.
        SqliteDatabase.execute(connection, "ROLLBACK");
        reusable = true;
      }
    } catch (SQLException e) {
      throw new StorageException("a read transaction failed", e);
    } finally {
      if (reusable) {
        readers.giveBack(connection);
      } else {
        readers.discard(connection);
      }
    }
  }

  @Override
  public byte[] unlockChallengeSecret() {
    return unlockChallengeSecret.clone();
  }

  /** Stops accepting writes, commits the ones accepted, persists the clock and closes. */
  @Override
  public void close() {
    maintenance.shutdownNow();
    writer.close();
    readers.close();
  }

  /** Commits an empty batch (which persists the clock) if the clock moved since the last one. */
  CompletableFuture<Void> persistClockIfAhead() {
    if (!writer.clockAheadOfDatabase()) {
      return CompletableFuture.completedFuture(null);
    }
    return logFailure(write(tx -> null), "persisting the compliance clock");
  }

  /**
   * Forgets idempotency records older than {@link #IDEMPOTENCY_RETENTION}, and the records of used
   * unlock challenges that expired (an expired challenge unlocks nothing, used or not).
   */
  CompletableFuture<Integer> purgeIdempotencyRecords() {
    return logFailure(
        write(tx -> tx.idempotency().deleteCreatedBefore(tx.now().minus(IDEMPOTENCY_RETENTION))
            + tx.usedUnlockChallenges().deleteExpiredBefore(tx.now())),
        "purging idempotency records and used unlock challenges");
  }

  /**
   * Deletes the snapshots whose stay in the recycle bin is over. Only storage is freed: every read
   * already treats them as gone from their {@code retain_until} on, so when this runs (or whether
   * it runs at all) changes no answer. It goes through the write queue, so it never races a
   * RestoreSnapshot or a register of the same id: each sees the other's result in order.
   */
  CompletableFuture<Integer> reclaimRecycleBin() {
    return logFailure(write(tx -> tx.snapshots().deleteGoneFromRecycleBin(tx.now())),
        "reclaiming the recycle bin");
  }

  long commitCount() {
    return writer.commitCount();
  }

  static ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static <T> CompletableFuture<T> logFailure(CompletableFuture<T> future, String what) {
    return future.whenComplete((result, failure) -> {
      if (failure != null) {
        LOG.log(Level.WARNING, what + " failed", failure);
      }
    });
  }
}
