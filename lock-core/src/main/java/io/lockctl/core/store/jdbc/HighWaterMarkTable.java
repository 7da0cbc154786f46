package io.lockctl.core.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The compliance clock's persisted high-water mark, the one row of {@code compliance_clock}. A lock
 * must never loosen because the system clock stepped back across a restart, so the clock restarts
 * from the latest instant it ever handed out, not from whatever the system clock says. Raising it
 * is spelled per database: SQLite's schema starts without the row and spells "the larger of" {@code
 * max}; PostgreSQL's always has the row (every batch raises it) and spells it {@code GREATEST}.
 * Each {@link JdbcDialect} calls its own.
 */
public final class HighWaterMarkTable {
  private static final String SELECT =
      "SELECT high_water_millis FROM compliance_clock WHERE id = 1";

  /** SQLite's: inserts the row if there is none, never lowers the mark. */
  private static final String UPSERT_MAX =
      "INSERT INTO compliance_clock (id, high_water_millis) VALUES (1, ?)"
          + " ON CONFLICT (id) DO UPDATE"
          + " SET high_water_millis = max(high_water_millis, excluded.high_water_millis)";

  /** PostgreSQL's: the row exists; never lowers the mark. */
  private static final String UPDATE_GREATEST =
      "UPDATE compliance_clock SET high_water_millis = GREATEST(high_water_millis, ?)"
          + " WHERE id = 1";

  private HighWaterMarkTable() {}

  /** Empty when no mark was ever stored. */
  static OptionalLong read(CachingConnection connection) throws SQLException {
    try (ResultSet row = connection.prepare(SELECT).executeQuery()) {
      return row.next() ? mark(row) : OptionalLong.empty();
    }
  }

  /**
   * The mark; empty when no mark was stored yet. Fails if the row is missing from {@code database}:
   * raising the mark would update nothing, and a restart would resume from an earlier time.
   */
  public static OptionalLong readExistingRow(CachingConnection connection, String database)
      throws SQLException {
    try (ResultSet row = connection.prepare(SELECT).executeQuery()) {
      if (!row.next()) {
        throw new SQLException("the compliance_clock row is missing from " + database);
      }
      return mark(row);
    }
  }

  /** Raises the mark to {@code millis} (SQLite), storing the row if there is none yet. */
  public static void raiseUpsertingRow(CachingConnection connection, long millis)
      throws SQLException {
    PreparedStatement upsert = connection.prepare(UPSERT_MAX);
    upsert.setLong(1, millis);
    upsert.executeUpdate();
  }

  /** Raises the mark to {@code millis} in the row that always exists (PostgreSQL). */
  public static void raiseRow(CachingConnection connection, long millis) throws SQLException {
    PreparedStatement update = connection.prepare(UPDATE_GREATEST);
    update.setLong(1, millis);
    update.executeUpdate();
  }

  private static OptionalLong mark(ResultSet row) throws SQLException {
    long millis = row.getLong(1);
    return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(millis);
  }
}
