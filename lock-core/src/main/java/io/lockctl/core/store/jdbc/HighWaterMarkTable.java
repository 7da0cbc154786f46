package io.lockctl.core.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The compliance clock's persisted high-water mark. A lock must never loosen because the system
 * clock stepped back across a restart, so the clock restarts from the latest instant it ever
 * handed out, not from whatever the system clock says.
 */
final class HighWaterMarkTable {
  private HighWaterMarkTable() {}

  static OptionalLong read(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
            "SELECT high_water_millis FROM compliance_clock WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
    }
  }

  /** Raises the stored mark to {@code millis}; never lowers it. */
  static void raise(Connection connection, long millis) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO compliance_clock (id, high_water_millis) VALUES (1, ?)"
            + " ON CONFLICT (id) DO UPDATE"
            + " SET high_water_millis = max(high_water_millis, excluded.high_water_millis)")) {
      upsert.setLong(1, millis);
      upsert.executeUpdate();
    }
  }
}
