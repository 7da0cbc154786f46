package io.lockctl.core.store.sqlite;

import io.lockctl.core.backup.OnlineBackup;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.jdbc.JdbcStore;
import io.lockctl.core.transaction.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded durable store: one SQLite file in WAL mode, which lets readers proceed while the
 * writer commits. One process owns the data directory ({@link DataDirectoryLock}), so its writer is
 * the only one.
 */
public final class SqliteStore extends JdbcStore {

  private final OnlineBackup backup;

  private SqliteStore(SqliteDatabase database, ComplianceClock clock) {
    super(database, clock);
    this.backup = new SqliteBackup(database);
  }

  /** {@code VACUUM INTO} a file beside the target, then linked to it. */
  @Override
  public Optional<OnlineBackup> onlineBackup() {
    return Optional.of(backup);
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir}, migrating its schema; fails if another
   * store has the directory open.
   */
  public static SqliteStore open(Path dataDir, ComplianceClock clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StorageException("creating the data directory " + dataDir + " failed", e);
    }
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
    try {
      return new SqliteStore(new SqliteDatabase(dataDir, lock), clock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }
}
