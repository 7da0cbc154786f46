package io.lockctl.core.store.jdbc;

import io.lockctl.core.transaction.StorageException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Read-only connections. Borrowing waits only when {@link JdbcDialect#maxReaders} are out at once
 * (a database server's connections are a bounded resource; SQLite's are not): otherwise an idle one
 * is reused or a new one opened. A new connection's first statement parses the whole schema, so
 * idle connections are kept for as many readers as run at once (the server's call threads, a fixed
 * pool) up to a cap that only bounds memory: each has its own page cache.
 */
final class ReaderPool implements AutoCloseable {
  private static final int MAX_IDLE = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  private final JdbcDialect dialect;
  private final Semaphore permits;
  private final BlockingQueue<CachingConnection> idle = new ArrayBlockingQueue<>(MAX_IDLE);
  private volatile boolean closed;

  ReaderPool(JdbcDialect dialect) {
    this.dialect = dialect;
    this.permits = new Semaphore(dialect.maxReaders());
  }

  CachingConnection borrow() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for a reader connection", e);
    }
    try {
      CachingConnection connection = idle.poll();
      return connection != null ? connection : new CachingConnection(dialect.openReader());
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  void giveBack(CachingConnection connection) {
    if (!idle.offer(connection)) {
      connection.close();
    }
    permits.release();
    if (closed) {
      closeIdle(); // close() may have run between the offer and here
    }
  }

  /**
   * Closes a broken borrowed connection and opens a new one under the same permit; if that fails,
   * the caller still owns the broken one and discards it.
   */
  CachingConnection replace(CachingConnection broken) {
    broken.close();
    return new CachingConnection(dialect.openReader());
  }

  /** For a connection left in an unknown state. */
  void discard(CachingConnection connection) {
    connection.close();
    permits.release();
  }

  @Override
  public void close() {
    closed = true;
    closeIdle();
  }

  private void closeIdle() {
    for (CachingConnection connection = idle.poll(); connection != null; connection = idle.poll()) {
      connection.close();
    }
  }
}
