package io.lockctl.core.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection and the statements prepared on it, kept for reuse until the connection closes.
 * Preparing is most of a short read's cost on SQLite (it parses and plans the SQL each time), and
 * every read and write batch runs the same few statements, so each is prepared once per connection.
 * Statements from {@link #prepare} belong to this object: callers bind, execute and close their
 * result sets, never the statement. One thread uses it at a time, as a connection.
 */
public final class CachingConnection implements AutoCloseable {
  /**
   * Bounds the statements kept open: list queries spell their IN lists with as many parameters as
   * ids, so their SQL varies; the least recently used statement is closed beyond this.
   */
  static final int MAX_STATEMENTS = 64;

  private static final Logger LOG = Logger.getLogger(CachingConnection.class.getName());

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);
  private final AuditTip auditTip = new AuditTip();

  public CachingConnection(Connection connection) {
    this.connection = connection;
  }

  /** The statement for {@code sql}, prepared on first use; its earlier parameters are cleared. */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement != null) {
      statement.clearParameters();
      return statement;
    }
    statement = connection.prepareStatement(sql);
    statements.put(sql, statement);
    if (statements.size() > MAX_STATEMENTS) {
      Iterator<PreparedStatement> eldest = statements.values().iterator();
      closeQuietly(eldest.next());
      eldest.remove();
    }
    return statement;
  }

  /** Runs one statement that returns nothing (BEGIN, COMMIT, SAVEPOINT...), prepared once. */
  public void execute(String sql) throws SQLException {
    prepare(sql).execute();
  }

  public Connection connection() {
    return connection;
  }

  /** The audit head the open transaction reached on this connection, ahead of its stored row. */
  AuditTip auditTip() {
    return auditTip;
  }

  boolean isValid() {
    try {
      return connection.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Closes the statements, then the connection; never throws. */
  @Override
  public void close() {
    statements.values().forEach(CachingConnection::closeQuietly);
    statements.clear();
    JdbcStore.closeQuietly(connection);
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      // Closing the connection frees whatever the statement held anyway.
      LOG.log(Level.FINE, "closing a cached statement failed", e);
    }
  }
}
