package io.lockctl.core.store.sqlite;

import java.sql.Connection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Read-only connections. Borrowing never waits: when none is idle a new one is opened. Opening is
 * cheap, but a new connection's first statement parses the whole schema, so connections are kept
 * for as many readers as run at once (the server's call threads, a fixed pool) up to a cap that
 * only bounds memory: each connection has its own page cache.
 */
final class ReaderPool implements AutoCloseable {
  private static final int MAX_IDLE = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  private final SqliteDatabase database;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_IDLE);
  private volatile boolean closed;

  ReaderPool(SqliteDatabase database) {
    this.database = database;
  }

  Connection borrow() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    Connection connection = idle.poll();
    return connection != null ? connection : database.openReader();
  }

  void giveBack(Connection connection) {
    if (!idle.offer(connection)) {
      SqliteDatabase.closeQuietly(connection);
    }
    if (closed) {
      closeIdle(); // close() may have run between the offer and here
    }
  }

  /** For a connection left in an unknown state. */
  void discard(Connection connection) {
    SqliteDatabase.closeQuietly(connection);
  }

  @Override
  public void close() {
    closed = true;
    closeIdle();
  }

  private void closeIdle() {
    for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
      SqliteDatabase.closeQuietly(connection);
    }
  }
}
