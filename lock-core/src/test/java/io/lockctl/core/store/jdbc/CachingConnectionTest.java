package io.lockctl.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CachingConnectionTest {

  @Test
  void reusesTheStatementOfTheSameSqlWithItsParametersCleared() throws SQLException {
    try (CachingConnection connection = inMemory()) {
      PreparedStatement first = connection.prepare("SELECT ?");
      first.setInt(1, 7);
      assertEquals(7, single(first));

      PreparedStatement again = connection.prepare("SELECT ?");
      assertSame(first, again);
      again.setInt(1, 8);
      assertEquals(8, single(again));
    }
  }

  @Test
  void closesTheLeastRecentlyUsedStatementBeyondTheBound() throws SQLException {
    try (CachingConnection connection = inMemory()) {
      PreparedStatement kept = connection.prepare("SELECT 0");
      PreparedStatement evicted = connection.prepare("SELECT 1");
      connection.prepare("SELECT 0"); // now the most recently used
      for (int i = 2; i <= CachingConnection.MAX_STATEMENTS; i++) {
        connection.prepare("SELECT " + i);
      }
      assertTrue(evicted.isClosed());
      assertFalse(kept.isClosed());
      assertNotSame(evicted, connection.prepare("SELECT 1"));
    }
  }

  @Test
  void closingClosesTheStatementsAndTheConnection() throws SQLException {
    CachingConnection connection = inMemory();
    PreparedStatement statement = connection.prepare("SELECT 1");
    connection.execute("BEGIN");
    connection.execute("ROLLBACK");

    connection.close();

    assertTrue(statement.isClosed());
    assertTrue(connection.connection().isClosed());
  }

  private static CachingConnection inMemory() throws SQLException {
    return new CachingConnection(DriverManager.getConnection("jdbc:sqlite::memory:"));
  }

  private static int single(PreparedStatement select) throws SQLException {
    try (ResultSet row = select.executeQuery()) {
      assertTrue(row.next());
      return row.getInt(1);
    }
  }
}
