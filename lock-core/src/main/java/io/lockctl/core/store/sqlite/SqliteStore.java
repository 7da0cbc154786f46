package io.lockctl.core.store.sqlite;

import io.lockctl.core.backup.OnlineBackup;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.jdbc.JdbcStore;
import io.lockctl.core.store.jdbc.ReadModelOptions;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The embedded durable store: one SQLite file in WAL mode, which lets readers proceed while the
 * writer commits. One process owns the data directory ({@link DataDirectoryLock}), so its writer is
 * the only one.
 *
 * <p>Opening it checks that the database is the one this data directory's commits went to, and that
 * it holds all of them: the file passes SQLite's quick_check ({@link IntegrityCheck}; a large
 * file's check finishes while the store serves), and its identity and audit log size match what
 * {@link PositionFile} recorded after the last commit. A database that is missing, empty, another
 * store's or behind is refused, naming how many acknowledged writes it lacks, unless the operator
 * accepts the loss.
 */
public final class SqliteStore extends JdbcStore {
  private static final Logger LOG = Logger.getLogger(SqliteStore.class.getName());

  /** The server secret that names the store; kept in the database, so it travels with it. */
  private static final String IDENTITY = "store-identity";

  /** The table keeps secrets of 32 bytes or more; the identity is their first 16, as a UUID. */
  private static final int IDENTITY_BYTES = 32;

  private static final String ACCEPT_HINT =
      " To serve what the database holds anyway, start with --accept-store-loss.";

  private final OnlineBackup backup;

  private SqliteStore(SqliteDatabase database, ComplianceClock clock, ReadModelOptions readModel) {
    super(database, clock, readModel);
    this.backup = new SqliteBackup(database);
  }

  /** {@code VACUUM INTO} a file beside the target, then linked to it. */
  @Override
  public Optional<OnlineBackup> onlineBackup() {
    return Optional.of(backup);
  }

  /** As {@link #open(Path, ComplianceClock, boolean)}, refusing any loss. */
  public static SqliteStore open(Path dataDir, ComplianceClock clock) {
    return open(dataDir, clock, false);
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir}, migrating its schema; fails if another
   * store has the directory open, if the database is damaged, and, unless {@code acceptStoreLoss},
   * if it lost acknowledged writes (which is then logged, and the loss accepted for good).
   */
  public static SqliteStore open(Path dataDir, ComplianceClock clock, boolean acceptStoreLoss) {
    return open(dataDir, clock, acceptStoreLoss, ReadModelOptions.ON);
  }

  /**
   * As {@link #open(Path, ComplianceClock, boolean)}; {@code readModel} says whether reads of
   * snapshots are answered from memory once loaded (the default) or always from SQL.
   */
  public static SqliteStore open(
      Path dataDir, ComplianceClock clock, boolean acceptStoreLoss, ReadModelOptions readModel) {
    return open(dataDir, clock, acceptStoreLoss, readModel, IntegrityCheck.BEFORE_SERVING);
  }

  /**
   * As {@link #open(Path, ComplianceClock, boolean, ReadModelOptions)}, waiting {@code
   * checkBeforeServing} for the integrity check before the rest of it goes to the background.
   */
  static SqliteStore open(
      Path dataDir,
      ComplianceClock clock,
      boolean acceptStoreLoss,
      ReadModelOptions readModel,
      Duration checkBeforeServing) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StorageException("creating the data directory " + dataDir + " failed", e);
    }
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
    try {
      Optional<PositionFile.Recorded> recorded = PositionFile.read(dataDir);
      Path databaseFile = dataDir.resolve(SqliteDatabase.FILE_NAME);
      boolean absent = !Files.exists(databaseFile) || Files.size(databaseFile) == 0;
      if (absent && recorded.isPresent() && recorded.get().position() > 0) {
        refuseOrAccept(
            acceptStoreLoss,
            "the database "
                + databaseFile
                + " is missing or empty, but this data directory recorded "
                + recorded.get().position()
                + " acknowledged writes to it: all "
                + recorded.get().position()
                + " are missing.");
      }
      IntegrityCheck check = absent ? null : IntegrityCheck.start(databaseFile);
      SqliteDatabase database = new SqliteDatabase(dataDir, lock, check);
      SqliteStore store;
      try {
        if (check != null) {
          check.awaitBeforeServing(checkBeforeServing);
        }
        store = new SqliteStore(database, clock, readModel);
      } catch (RuntimeException e) {
        database.close(); // stops the check
        throw e;
      }
      try {
        store.checkContinuity(dataDir, database, recorded, acceptStoreLoss);
        if (check != null) {
          // from here on, a finding stops the store serving; one made already, at once
          check.whenFinished(store.health()::damaged);
        }
        return store;
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    } catch (IOException e) {
      lock.close();
      throw new StorageException("reading the data directory " + dataDir + " failed", e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private void checkContinuity(
      Path dataDir,
      SqliteDatabase database,
      Optional<PositionFile.Recorded> recorded,
      boolean acceptStoreLoss) {
    // reads see no secrets; a dry run on the writer does, and leaves nothing behind
    Optional<UUID> identity =
        dryRun(tx -> tx.secrets().find(IDENTITY)).join().map(SqliteStore::uuid);
    long position = read(tx -> tx.auditLog().head().size());
    if (recorded.isPresent()) {
      PositionFile.Recorded last = recorded.get();
      if (identity.isPresent() && !identity.get().equals(last.storeId())) {
        refuseOrAccept(
            acceptStoreLoss,
            "the database in "
                + dataDir
                + " is another store's (store "
                + identity.get()
                + ", not "
                + last.storeId()
                + "): it was replaced; the "
                + last.position()
                + " acknowledged writes this data directory recorded are not in it.");
      } else if (position < last.position()) {
        refuseOrAccept(
            acceptStoreLoss,
            "the database in "
                + dataDir
                + " holds "
                + position
                + " of the "
                + last.position()
                + " acknowledged writes this data directory recorded: "
                + (last.position() - position)
                + " acknowledged writes are missing (an older copy, a truncated file or lost"
                + " WAL frames).");
      }
    }
    UUID storeId =
        identity.orElseGet(
            () -> uuid(write(tx -> tx.secrets().getOrCreate(IDENTITY, IDENTITY_BYTES)).join()));
    long sequence = recorded.map(PositionFile.Recorded::sequence).orElse(0L);
    database.recordPositionsIn(PositionFile.open(dataDir, storeId, sequence, position));
  }

  private static void refuseOrAccept(boolean acceptStoreLoss, String loss) {
    if (!acceptStoreLoss) {
      throw new StorageException(StorageFault.DAMAGED, loss + ACCEPT_HINT, null);
    }
    LOG.severe(() -> "starting anyway, as --accept-store-loss asks: " + loss);
  }

  private static UUID uuid(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
