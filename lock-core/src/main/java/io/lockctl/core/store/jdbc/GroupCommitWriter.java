package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.CommitListener;
import io.lockctl.core.store.StoreWrites;
import io.lockctl.core.transaction.StorageException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer. One thread owns the write connection and runs queued work in submission order,
 * which is what makes writes linearizable. It drains up to {@link #MAX_BATCH} queued items into one
 * transaction, each in its own savepoint, and commits (one fsync) once per batch.
 *
 * <p>Every future, failed ones and dry runs included, completes only after the batch commits: their
 * results may depend on earlier items of the batch, which are real only once committed. Futures are
 * completed on another thread so that callers' continuations never run on, and stall, the writer.
 *
 * <p>When several processes write one database, {@link JdbcDialect#beginWrite} makes each batch
 * wait for the others' (one serial order across processes) and hands back the mark they persisted,
 * which the clock is advanced to before any item takes its {@code now()}.
 *
 * <p>A batch that fails as a whole (the database went away, a COMMIT failed) fails all its futures
 * with a {@link StorageException} and is not retried: a COMMIT that failed may still have been
 * applied, and the callers, who retry with their client tokens, are the ones who can tell. A
 * connection found broken is replaced before the next batch.
 */
final class GroupCommitWriter implements AutoCloseable {
  static final int MAX_BATCH = 256;
  private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());

  private final JdbcDialect dialect;
  private final ComplianceClock clock;

  /** Null after a connection loss, until the next batch reopens it. */
  private CachingConnection connection;

  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();

  /** Queued by {@link #close()} after every accepted task; nothing is queued after it. */
  private final Task<?> stop = new Task<>(tx -> null, false);

  private final Object submitLock = new Object();
  private boolean closed; // guarded by submitLock
  private final ExecutorService completions =
      Executors.newCachedThreadPool(JdbcStore.daemonThreads("lockctl-store-completion"));
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final List<CommitListener> commitListeners = new CopyOnWriteArrayList<>();
  private volatile long persistedHighWater;

  GroupCommitWriter(
      JdbcDialect dialect,
      CachingConnection connection,
      ComplianceClock clock,
      long persistedHighWater) {
    this.dialect = dialect;
    this.connection = connection;
    this.clock = clock;
    this.persistedHighWater = persistedHighWater;
    // A daemon: nothing acknowledged is lost if the JVM exits without close(), since futures
    // complete only after their commit.
    this.thread = JdbcStore.daemonThreads("lockctl-store-writer").newThread(this::run);
    thread.start();
  }

  <T> CompletableFuture<T> submit(Function<? super StoreWrites, ? extends T> work, boolean dryRun) {
    Task<T> task = new Task<>(work, dryRun);
    synchronized (submitLock) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the store is closed"));
      }
      queue.add(task);
    }
    return task.future;
  }

  /** Whether the clock's high-water mark moved past what the database holds. */
  boolean clockAheadOfDatabase() {
    Instant highWater = clock.highWater();
    return !highWater.equals(Instant.MIN) && highWater.toEpochMilli() > persistedHighWater;
  }

  void onCommit(CommitListener listener) {
    commitListeners.add(listener);
  }

  long commitCount() {
    return commits.get();
  }

  /** Stops accepting work, finishes what was accepted, persists the clock, closes. */
  @Override
  public void close() {
    synchronized (submitLock) {
      if (!closed) {
        closed = true;
        queue.add(stop);
      }
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    boolean stopping = false;
    while (!stopping) {
      List<Task<?>> batch = new ArrayList<>();
      batch.add(takeUninterruptibly());
      queue.drainTo(batch, MAX_BATCH - 1);
      if (batch.get(batch.size() - 1) == stop) {
        batch.remove(batch.size() - 1);
        stopping = true;
      }
      if (!batch.isEmpty() || clockAheadOfDatabase()) {
        runBatch(batch);
      }
    }
    completions.shutdown();
    if (connection != null) {
      try {
        dialect.maintain(connection.connection(), false);
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "maintenance before closing the writer failed", e);
      }
      connection.close();
    }
  }

  /** Only {@link #close()} stops the writer, so accepted work always completes. */
  private Task<?> takeUninterruptibly() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException ignored) {
        // keep serving the queue
      }
    }
  }

  private void runBatch(List<Task<?>> batch) {
    boolean commitSent = false;
    boolean committed = false;
    long started = System.nanoTime();
    long commitStarted = started;
    try {
      if (connection == null) {
        connection = new CachingConnection(dialect.openWriter());
      }
      OptionalLong others = dialect.beginWrite(connection);
      if (others.isPresent()) {
        clock.advanceTo(Instant.ofEpochMilli(others.getAsLong()));
        persistedHighWater = Math.max(persistedHighWater, others.getAsLong());
      }
      for (Task<?> task : batch) {
        runInSavepoint(task);
      }
      // In the same transaction: a write's now() is never ahead of the persisted mark.
      long highWater = clock.highWater().toEpochMilli();
      dialect.raiseHighWater(connection, highWater);
      commitSent = true;
      commitStarted = System.nanoTime();
      execute("COMMIT");
      commits.incrementAndGet();
      persistedHighWater = Math.max(persistedHighWater, highWater);
      committed = true;
    } catch (SQLException | RuntimeException e) { // BEGIN, a savepoint, the mark or COMMIT failed
      // A COMMIT whose answer was lost (the connection broke) may still have been applied.
      String outcome =
          commitSent ? "whether it was committed is unknown" : "nothing of it was committed";
      LOG.log(Level.SEVERE, "a write batch failed; " + outcome, e);
      rollbackOrDropConnection();
      StorageException failure =
          e instanceof SQLException sql
              ? SqlFailures.of("the write batch", sql, outcome)
              : new StorageException("the write batch failed; " + outcome, e);
      batch.forEach(task -> task.fail(failure));
    }
    if (committed) {
      long ended = System.nanoTime();
      for (CommitListener listener : commitListeners) {
        listener.committed(batch.size(), ended - started, ended - commitStarted);
      }
    }
    completions.execute(() -> batch.forEach(Task::complete));
  }

  private <T> void runInSavepoint(Task<T> task) throws SQLException {
    execute("SAVEPOINT work");
    boolean keep;
    try {
      task.succeed(task.work.apply(new JdbcTransaction(connection, clock.now())));
      keep = !task.dryRun;
    } catch (Throwable e) { // whatever the work throws fails only that work
      task.fail(e);
      keep = false;
    }
    if (!keep) {
      execute("ROLLBACK TO work");
    }
    execute("RELEASE work");
  }

  private void execute(String sql) throws SQLException {
    connection.execute(sql);
  }

  private void rollbackOrDropConnection() {
    if (connection == null) {
      return; // reopening it failed
    }
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // The database may have rolled back already (SQLite does on some I/O errors), or the
      // connection is gone; either way nothing is left open once a broken one is dropped.
      LOG.log(Level.FINE, "no transaction left to roll back", e);
    }
    if (!connection.isValid()) {
      connection.close();
      connection = null;
    }
  }

  /** One queued unit of work and, once run, its outcome. */
  private static final class Task<T> {
    final Function<? super StoreWrites, ? extends T> work;
    final boolean dryRun;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private T result;
    private Throwable failure;

    Task(Function<? super StoreWrites, ? extends T> work, boolean dryRun) {
      this.work = work;
      this.dryRun = dryRun;
    }

    void succeed(T value) {
      result = value;
    }

    void fail(Throwable cause) {
      failure = cause;
    }

    void complete() {
      if (failure != null) {
        future.completeExceptionally(failure);
      } else {
        future.complete(result);
      }
    }
  }
}
