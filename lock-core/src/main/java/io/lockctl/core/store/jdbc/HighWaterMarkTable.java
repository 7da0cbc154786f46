package io.lockctl.core.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The compliance clock's persisted high-water mark. A lock must never loosen because the system
 * clock stepped back across a restart, so the clock restarts from the latest instant it ever handed
 * out, not from whatever the system clock says. Raising it is the dialects' part ({@link
 * JdbcDialect#raiseHighWater}): they spell "the larger of" differently.
 */
final class HighWaterMarkTable {
  private HighWaterMarkTable() {}

  /** Empty when no mark was ever stored. */
  static OptionalLong read(CachingConnection connection) throws SQLException {
    try (ResultSet row =
        connection
            .prepare("SELECT high_water_millis FROM compliance_clock WHERE id = 1")
            .executeQuery()) {
      if (!row.next()) {
        return OptionalLong.empty();
      }
      long millis = row.getLong(1);
      return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(millis);
    }
  }
}
