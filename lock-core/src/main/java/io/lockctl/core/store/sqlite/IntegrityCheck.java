package io.lockctl.core.store.sqlite;

import io.lockctl.core.store.jdbc.SqlFailures;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.sqlite.SQLiteConfig;

/**
 * SQLite's {@code PRAGMA quick_check} on the database file before anything else opens it: every
 * page and b-tree is read and checked (not the indexes against their tables, which the full
 * integrity_check adds at several times the cost). A file that fails it is refused: a damaged page
 * can hide a lock.
 */
final class IntegrityCheck {
  private static final Logger LOG = Logger.getLogger(IntegrityCheck.class.getName());

  /** Enough of SQLite's findings to tell what is wrong. */
  private static final int MOST_FINDINGS = 10;

  private IntegrityCheck() {}

  static void run(Path databaseFile) {
    long started = System.nanoTime();
    List<String> findings = new ArrayList<>();
    String url = "jdbc:sqlite:" + databaseFile.toAbsolutePath();
    try (Connection connection = new SQLiteConfig().createConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA quick_check(" + MOST_FINDINGS + ")")) {
      while (rows.next()) {
        findings.add(rows.getString(1));
      }
    } catch (SQLException e) {
      StorageException failure = SqlFailures.of("checking " + databaseFile, e);
      if (failure.fault() == StorageFault.DAMAGED) {
        throw refusal(databaseFile, List.of(String.valueOf(e.getMessage())));
      }
      throw failure;
    }
    if (!findings.equals(List.of("ok"))) {
      throw refusal(databaseFile, findings);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.fine(() -> "quick_check of " + databaseFile + ": ok in " + millis + " ms");
  }

  private static StorageException refusal(Path databaseFile, List<String> findings) {
    return new StorageException(
        StorageFault.DAMAGED,
        "the database "
            + databaseFile
            + " is damaged (SQLite quick_check: "
            + String.join("; ", findings)
            + "); restore it from a backup",
        null);
  }
}
