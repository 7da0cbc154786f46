package io.lockctl.core.store.postgres;

import io.lockctl.core.store.jdbc.CachingConnection;
import io.lockctl.core.store.jdbc.HighWaterMarkTable;
import io.lockctl.core.store.jdbc.JdbcDialect;
import io.lockctl.core.store.jdbc.JdbcStore;
import io.lockctl.core.store.jdbc.RewordedMigrations;
import io.lockctl.core.store.jdbc.SqlFailures;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.WriteScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

  /**
   * Named after the database and schema the server says the writer is in; set by its first batch.
   */
  private AdvisoryLockIds lockIds;

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
   * Each write batch takes its locks first (see {@link #beginWrite}); READ COMMITTED then lets
   * every statement after them see all that the earlier batches they waited for committed.
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
   * Takes the batch's transaction-scoped advisory locks, which other processes' batches take too:
   *
   * <ul>
   *   <li>a batch with a scope takes the all-writes lock shared, then an exclusive lock per key of
   *       its scope, in ascending order of their ids (so two batches cannot deadlock), and waits
   *       only for batches sharing a key with it, or without a scope;
   *   <li>a batch without one takes the all-writes lock exclusively, and runs alone.
   * </ul>
   *
   * <p>The mark is read once the locks are held, so it includes the times of every batch that
   * touched the same keys before: a resource's times never go back, whichever process wrote it.
   */
  @Override
  public OptionalLong beginWrite(CachingConnection writer, WriteScope scope) throws SQLException {
    writer.execute("BEGIN");
    if (lockIds == null) {
      lockIds = AdvisoryLockIds.of(writer);
    }
    if (scope == null) {
      lock(writer, "SELECT pg_advisory_xact_lock(?)", lockIds.allWrites());
    } else {
      lock(writer, "SELECT pg_advisory_xact_lock_shared(?)", lockIds.allWrites());
      PreparedStatement keys =
          writer.prepare("SELECT count(pg_advisory_xact_lock(id)) FROM unnest(?::bigint[]) AS id");
      keys.setArray(1, writer.connection().createArrayOf("bigint", lockIds.of(scope)));
      keys.executeQuery().close();
    }
    return HighWaterMarkTable.readExistingRow(writer, describe());
  }

  /**
   * Locks the head row until COMMIT: batches of all processes append their records one at a time,
   * each from the head the one before stored.
   */
  @Override
  public void lockAuditHead(CachingConnection writer) throws SQLException {
    writer.prepare("SELECT size FROM audit_head WHERE id = 1 FOR UPDATE").executeQuery().close();
  }

  private static void lock(CachingConnection writer, String sql, long id) throws SQLException {
    PreparedStatement lock = writer.prepare(sql);
    lock.setLong(1, id);
    lock.executeQuery().close();
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
