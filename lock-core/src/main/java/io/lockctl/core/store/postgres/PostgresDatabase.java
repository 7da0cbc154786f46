package io.lockctl.core.store.postgres;

import io.lockctl.core.store.jdbc.CachingConnection;
import io.lockctl.core.store.jdbc.HighWaterMarkTable;
import io.lockctl.core.store.jdbc.JdbcDialect;
import io.lockctl.core.store.jdbc.JdbcStore;
import io.lockctl.core.store.jdbc.RewordedMigrations;
import io.lockctl.core.store.jdbc.SqlFailures;
import io.lockctl.core.transaction.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database (and schema, from the URL's {@code currentSchema}) shared by any number of
 * lockctl processes: its schema (by Flyway) and connections configured for lockctl.
 */
final class PostgresDatabase implements JdbcDialect {
  /** Enough for reads to overlap; several replicas must fit in the server's max_connections. */
  private static final int MAX_READERS = 16;

  /** V2 and V3 as first released; only their opening comments changed since. */
  private static final List<RewordedMigrations.Rewording> REWORDED =
      List.of(
          new RewordedMigrations.Rewording("2", -768349421, 1459639006),
          new RewordedMigrations.Rewording("3", -7562508, 835916496));

  /** Held so the level set on it is not lost when the logger is garbage collected. */
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  private final String url;
  private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

  PostgresDatabase(String url) {
    if (Driver.parseURL(url, null) == null) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + describe(url));
    }
    this.url = url;
    dataSource.setURL(url);
    // The driver's own default names every session "PostgreSQL JDBC Driver"; only the URL's own
    // ApplicationName is kept.
    if (Driver.parseURL(url, null).getProperty(PGProperty.APPLICATION_NAME.getName()) == null) {
      // How the DBA tells lockctl's sessions apart in pg_stat_activity.
      dataSource.setApplicationName("lockctl");
    }
  }

  /** The URL without its parameters, which may hold a password. */
  @Override
  public String describe() {
    return describe(url);
  }

  /**
   * Each write batch takes the row lock on the clock (see {@link #beginWrite}); READ COMMITTED then
   * lets every statement after it see all that earlier batches of any process committed.
   * synchronous_commit is forced on: an acknowledged write must survive a crash of the server,
   * whatever the database's default.
   */
  @Override
  public Connection openWriter() {
    return open(
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED,"
            + " READ WRITE; SET synchronous_commit = on");
  }

  /** Repeatable read: a read sees one snapshot of committed state and never takes a lock. */
  @Override
  public Connection openReader() {
    return open(
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  }

  @Override
  public int maxReaders() {
    return MAX_READERS;
  }

  /** Several lockctl processes may serve one database. */
  @Override
  public boolean hasOtherWriters() {
    return true;
  }

  /**
   * Locks the clock's one row until COMMIT: the batches of every lockctl process on this database
   * run one after another, in one serial order, as SQLite's one writer does. Reading the mark under
   * that lock tells this process how far the others' clocks went.
   */
  @Override
  public OptionalLong beginWrite(CachingConnection writer) throws SQLException {
    writer.execute("BEGIN");
    // Without the row there would be nothing to lock, and writers would interleave: it fails.
    return HighWaterMarkTable.readLockingRow(writer, describe());
  }

  @Override
  public void raiseHighWater(CachingConnection writer, long millis) throws SQLException {
    HighWaterMarkTable.raiseRow(writer, millis);
  }

  /**
   * Migrates the URL's {@code currentSchema} (creating it if needed), else the connection's default
   * schema. Flyway holds an advisory lock meanwhile, so replicas starting together migrate once.
   */
  @Override
  public void migrate() {
    if (FLYWAY_LOG.getLevel() == null) {
      // Flyway narrates every step at INFO; keep its warnings unless logging is configured.
      FLYWAY_LOG.setLevel(Level.WARNING);
    }
    FluentConfiguration flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration/postgres")
            .failOnMissingLocations(true);
    String schema = currentSchema();
    if (schema != null) {
      flyway.schemas(schema);
    }
    try {
      RewordedMigrations.accept(dataSource, REWORDED);
      flyway.load().migrate();
    } catch (RuntimeException | SQLException e) {
      throw new StorageException("migrating the schema of " + describe() + " failed", e);
    }
  }

  /** The first schema of the URL's {@code currentSchema} search path, or null. */
  private String currentSchema() {
    Properties properties = Driver.parseURL(url, null);
    String path = properties.getProperty("currentSchema");
    if (path == null || path.isBlank()) {
      return null;
    }
    return path.split(",")[0].trim();
  }

  private Connection open(String setup) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw SqlFailures.of("connecting to " + describe(), e);
    }
    try {
      JdbcStore.execute(connection, setup);
      return connection;
    } catch (SQLException e) {
      JdbcStore.closeQuietly(connection);
      throw SqlFailures.of("setting up a connection to " + describe(), e);
    }
  }

  private static String describe(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
