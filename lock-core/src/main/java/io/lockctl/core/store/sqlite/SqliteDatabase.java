package io.lockctl.core.store.sqlite;

import io.lockctl.core.store.jdbc.CachingConnection;
import io.lockctl.core.store.jdbc.DiskSpace;
import io.lockctl.core.store.jdbc.HighWaterMarkTable;
import io.lockctl.core.store.jdbc.JdbcDialect;
import io.lockctl.core.store.jdbc.JdbcStore;
import io.lockctl.core.store.jdbc.RewordedMigrations;
import io.lockctl.core.store.jdbc.SqlFailures;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.WriteScope;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The database file: its schema (by Flyway) and connections configured for lockctl. */
final class SqliteDatabase implements JdbcDialect {
  static final String FILE_NAME = "lockctl.db";
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /** V2 and V3 as first released; only their opening comments changed since. */
  private static final List<RewordedMigrations.Rewording> REWORDED =
      List.of(
          new RewordedMigrations.Rewording("2", 280990383, 2109148937),
          new RewordedMigrations.Rewording("3", 113978797, -754162356));

  /** Held so the level set on it is not lost when the logger is garbage collected. */
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  private static final Logger LOG = Logger.getLogger(SqliteDatabase.class.getName());
  private static final String AUDIT_SIZE = "SELECT size FROM audit_head WHERE id = 1";

  private final Path dataDir;
  private final String url;
  private final DataDirectoryLock lock;

  /** The start-up integrity check, which may still be reading the file; null if none ran. */
  private final IntegrityCheck check;

  /** Null until the start-up checks passed; then written by the writer thread only. */
  private volatile PositionFile positions;

  private long positionToRecord = -1; // the writer thread's

  /**
   * The database in {@code dataDir}, whose {@code lock} this process holds until {@link #close}, as
   * {@code check} (if not null) goes on reading it.
   */
  SqliteDatabase(Path dataDir, DataDirectoryLock lock, IntegrityCheck check) {
    this.dataDir = dataDir;
    this.url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
    this.lock = lock;
    this.check = check;
  }

  @Override
  public String describe() {
    return url;
  }

  @Override
  public boolean diskNearlyFull() {
    return DiskSpace.nearlyFull(dataDir);
  }

  /**
   * The one connection that writes. WAL lets readers run beside it; synchronous=FULL fsyncs the WAL
   * on every commit, so a committed write survives a power cut. No statement asks for generated
   * keys, so the driver is told not to query {@code last_insert_rowid()} after every insert (an
   * extra prepared query each time, an eighth of the writer's CPU on a lock). Temporary files stay
   * in memory: each queued item of a batch runs in a savepoint, whose undo pages (the statement
   * journal) would otherwise spill to a temporary file once a batch passes 64 KiB, and be written
   * and deleted with every batch. They hold a batch's changed pages at most, and nothing in them
   * has to survive a crash.
   */
  @Override
  public Connection openWriter() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    config.setGetGeneratedKeys(false);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    return open(config);
  }

  @Override
  public Connection openReader() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    return open(config);
  }

  /** Opening a file is cheap and holds no server resource: no reason to make reads wait. */
  @Override
  public int maxReaders() {
    return Integer.MAX_VALUE;
  }

  /** The data directory's lock keeps every other process out. */
  @Override
  public boolean hasOtherWriters() {
    return false;
  }

  /** This process is the file's only writer, so its clock leads, and no batch waits for another. */
  @Override
  public OptionalLong beginWrite(CachingConnection writer, WriteScope scope) throws SQLException {
    writer.execute("BEGIN IMMEDIATE");
    return OptionalLong.empty();
  }

  /** From now on each commit that moved the position records it in {@code file}. */
  void recordPositionsIn(PositionFile file) {
    positions = file;
  }

  @Override
  public void beforeCommit(CachingConnection writer) throws SQLException {
    if (positions == null) {
      return;
    }
    try (ResultSet row = writer.prepare(AUDIT_SIZE).executeQuery()) {
      positionToRecord = row.next() ? row.getLong(1) : -1;
    }
  }

  @Override
  public void afterCommit() {
    PositionFile file = positions;
    if (file == null || positionToRecord < 0) {
      return;
    }
    try {
      file.record(positionToRecord);
    } catch (IOException e) {
      // The file lags behind the database, which the start-up check accepts: it only ever misses
      // losses, never reports one that did not happen.
      LOG.log(Level.WARNING, "recording the committed position failed", e);
    }
  }

  @Override
  public void raiseHighWater(CachingConnection writer, long millis) throws SQLException {
    HighWaterMarkTable.raiseUpsertingRow(writer, millis);
  }

  /**
   * Refreshes the query planner's statistics where they went stale. Without them SQLite ignores the
   * partial index on locked snapshots; SQLite advises running this on opening and closing a
   * long-lived connection.
   */
  @Override
  public void maintain(Connection writer, boolean opening) throws SQLException {
    JdbcStore.execute(writer, opening ? "PRAGMA optimize=0x10002" : "PRAGMA optimize");
  }

  /** Called with the writer open, so the file is already in WAL mode. */
  @Override
  public void migrate() {
    if (FLYWAY_LOG.getLevel() == null) {
      // Flyway narrates every step at INFO; keep its warnings unless logging is configured.
      FLYWAY_LOG.setLevel(Level.WARNING);
    }
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url);
    try {
      RewordedMigrations.accept(dataSource, REWORDED);
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/sqlite")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException | SQLException e) {
      throw new StorageException("migrating the schema of " + url + " failed", e);
    }
  }

  /** Lets another process open the data directory. */
  @Override
  public void close() {
    if (check != null) {
      check.stop();
    }
    PositionFile file = positions;
    if (file != null) {
      file.close();
    }
    lock.close();
  }

  private Connection open(SQLiteConfig config) {
    try {
      return config.createConnection(url);
    } catch (SQLException e) {
      throw SqlFailures.of("opening " + url, e);
    }
  }
}
