package io.lockctl.core.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer connection as the store configures it: durable commits, savepoint journals in memory,
 * no extra driver queries.
 */
class SqliteDatabaseTest {
  @TempDir Path dataDir;

  @Test
  void theWriterFsyncsEveryCommitKeepsTemporaryFilesInMemoryAndAsksForNoGeneratedKeys()
      throws SQLException {
    try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        Connection writer = new SqliteDatabase(dataDir, lock, null).openWriter()) {
      assertEquals("wal", pragma(writer, "journal_mode"));
      assertEquals("2", pragma(writer, "synchronous")); // FULL
      assertEquals("2", pragma(writer, "temp_store")); // MEMORY
      try (Statement create = writer.createStatement()) {
        create.execute("CREATE TABLE t (x INTEGER)");
      }
      try (PreparedStatement insert = writer.prepareStatement("INSERT INTO t VALUES (1)")) {
        assertEquals(1, insert.executeUpdate());
        try (ResultSet keys = insert.getGeneratedKeys()) {
          assertFalse(keys.next(), "the driver queried last_insert_rowid()");
        }
      }
    }
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      row.next();
      return row.getString(1);
    }
  }
}
