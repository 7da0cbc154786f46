package io.lockctl.core.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Migrations whose comments were reworded after they shipped. Flyway checksums every line, comments
 * included, and refuses to start on a database that ran the earlier wording. Before migrating, each
 * history row that still carries the exact checksum of an earlier wording is moved to the current
 * one; any other mismatch is left for Flyway to refuse, because it means the statements changed.
 */
public final class RewordedMigrations {
  /**
   * One migration's checksum before and after a comment-only edit (Flyway's CRC32 of its lines).
   */
  public record Rewording(String version, int before, int after) {}

  private static final String HISTORY = "flyway_schema_history";

  private RewordedMigrations() {}

  /** Moves matching history rows of {@code dataSource}'s schema; does nothing on a new database. */
  public static void accept(DataSource dataSource, List<Rewording> rewordings) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (!hasHistory(connection)) {
        return;
      }
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE " + HISTORY + " SET checksum = ? WHERE version = ? AND checksum = ?")) {
        for (Rewording rewording : rewordings) {
          update.setInt(1, rewording.after());
          update.setString(2, rewording.version());
          update.setInt(3, rewording.before());
          update.executeUpdate();
        }
      }
    }
  }

  /** Absent before the first migration; a database that cannot be read is Flyway's to report. */
  private static boolean hasHistory(Connection connection) {
    try (Statement probe = connection.createStatement()) {
      probe.executeQuery("SELECT 1 FROM " + HISTORY + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException absent) {
      return false;
    }
  }
}
