package io.lockctl.core.store.sqlite;

import io.lockctl.core.store.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The database file: its schema (by Flyway) and connections configured for lockctl. */
final class SqliteDatabase {
  static final String FILE_NAME = "lockctl.db";
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;
  /** Held so the level set on it is not lost when the logger is garbage collected. */
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  private final String url;

  SqliteDatabase(Path dataDir) {
    this.url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
  }

  /**
   * The one connection that writes. WAL lets readers run beside it; synchronous=FULL fsyncs the
   * WAL on every commit, so a committed write survives a power cut.
   */
  Connection openWriter() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    return open(config);
  }

  Connection openReader() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    return open(config);
  }

  /** Brings the schema up to date; call with the writer open, so the file is in WAL mode. */
  void migrate() {
    if (FLYWAY_LOG.getLevel() == null) {
      // Flyway narrates every step at INFO; keep its warnings unless logging is configured.
      FLYWAY_LOG.setLevel(Level.WARNING);
    }
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/sqlite")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StorageException("migrating the schema of " + url + " failed", e);
    }
  }

  /**
   * Refreshes the query planner's statistics where they went stale. Without them SQLite ignores
   * the partial index on locked snapshots; SQLite advises running this on opening and closing a
   * long-lived connection.
   */
  static void optimize(Connection connection, boolean opening) throws SQLException {
    execute(connection, opening ? "PRAGMA optimize=0x10002" : "PRAGMA optimize");
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Committed data is safe in the file; an uncommitted transaction is meant to be lost.
      Logger.getLogger(SqliteDatabase.class.getName()).log(Level.FINE, "closing failed", e);
    }
  }

  private Connection open(SQLiteConfig config) {
    try {
      return config.createConnection(url);
    } catch (SQLException e) {
      throw new StorageException("opening " + url + " failed", e);
    }
  }
}
