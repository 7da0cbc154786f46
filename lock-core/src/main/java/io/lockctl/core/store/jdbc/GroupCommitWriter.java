package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.CommitListener;
import io.lockctl.core.store.StoreHealth;
import io.lockctl.core.store.StoreWrites;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import io.lockctl.core.transaction.WriteScope;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
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
 * wait for the others' batches that touch what it touches (all of them, unless every item of the
 * batch has a {@link WriteScope}) and hands back the mark they persisted, which the clock is
 * advanced to before any item takes its {@code now()}. The items' audit records are appended last,
 * under {@link JdbcDialect#lockAuditHead}: the one part of a batch that runs in one order across
 * processes whatever the scopes.
 *
 * <p>A batch that fails as a whole (the database went away, the disk filled, a COMMIT failed) fails
 * all its futures with a {@link StorageException} saying what it means for them ({@link
 * StorageFault}) and is not retried: a COMMIT that failed may still have been applied, and the
 * callers, who retry with their client tokens, are the ones who can tell. The failed batch's
 * connection is rolled back and closed, and the next batch opens a new one, so the writer recovers
 * as soon as the database can take writes again; meanwhile {@link StoreHealth} says writes fail.
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
  private final Task<?> stop = new Task<>(tx -> null, false, null);

  private final Object submitLock = new Object();
  private boolean closed; // guarded by submitLock
  private final ExecutorService completions =
      Executors.newCachedThreadPool(JdbcStore.daemonThreads("lockctl-store-completion"));
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final List<CommitListener> commitListeners = new CopyOnWriteArrayList<>();
  private volatile long persistedHighWater;
  private final StoreHealth health;

  /** The read model to tell of each committed batch's snapshot changes; null if none. */
  private final SnapshotReadModel model;

  /** Failed batches since the last commit; only the writer thread touches it. */
  private long failedBatches;

  GroupCommitWriter(
      JdbcDialect dialect,
      CachingConnection connection,
      ComplianceClock clock,
      long persistedHighWater,
      StoreHealth health,
      SnapshotReadModel model) {
    this.dialect = dialect;
    this.model = model;
    this.health = health;
    this.connection = connection;
    this.clock = clock;
    this.persistedHighWater = persistedHighWater;
    // A daemon: nothing acknowledged is lost if the JVM exits without close(), since futures
    // complete only after their commit.
    this.thread = JdbcStore.daemonThreads("lockctl-store-writer").newThread(this::run);
    thread.start();
  }

  /** {@code scope} is null for work that may touch anything. */
  <T> CompletableFuture<T> submit(
      Function<? super StoreWrites, ? extends T> work, boolean dryRun, WriteScope scope) {
    Task<T> task = new Task<>(work, dryRun, scope);
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
    SnapshotReadModel.Changes changes = model == null ? null : new SnapshotReadModel.Changes();
    try {
      if (connection == null) {
        connection = new CachingConnection(dialect.openWriter());
      }
      // A sole writer waits for no one: it need not know what the batch touches.
      WriteScope scope = dialect.hasOtherWriters() ? scopeOf(batch) : null;
      OptionalLong others = dialect.beginWrite(connection, scope);
      if (others.isPresent()) {
        clock.advanceTo(Instant.ofEpochMilli(others.getAsLong()));
        persistedHighWater = Math.max(persistedHighWater, others.getAsLong());
      }
      for (Task<?> task : batch) {
        runInSavepoint(task, changes);
      }
      dialect.lockAuditHead(connection);
      JdbcAuditLogRepository.appendDeferred(connection);
      // In the same transaction: a write's now() is never ahead of the persisted mark.
      long highWater = clock.highWater().toEpochMilli();
      dialect.raiseHighWater(connection, highWater);
      dialect.beforeCommit(connection);
      commitSent = true;
      commitStarted = System.nanoTime();
      execute("COMMIT");
      dialect.afterCommit();
      commits.incrementAndGet();
      persistedHighWater = Math.max(persistedHighWater, highWater);
      committed = true;
      committed();
      if (model != null) {
        // Before any caller hears: each reads its own acknowledged write.
        tellModel(changes);
      }
    } catch (SQLException | RuntimeException e) { // BEGIN, a savepoint, the mark or COMMIT failed
      StorageException failure = batchFailure(e, commitSent);
      if (model != null && failure.fault() == StorageFault.OUTCOME_UNKNOWN) {
        // The database may hold the batch or not; the model cannot tell which, so it goes off.
        model.disable("a COMMIT's outcome is unknown", null);
      }
      failed(failure);
      abandonConnection();
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

  /** What the batch's items touch, together; null if one of them may touch anything. */
  private static WriteScope scopeOf(List<Task<?>> batch) {
    if (batch.isEmpty() || batch.stream().anyMatch(task -> task.scope == null)) {
      return null;
    }
    Set<String> keys = new HashSet<>();
    batch.forEach(task -> keys.addAll(task.scope.keys()));
    return new WriteScope(keys);
  }

  /**
   * What a failed batch means for its callers. Before COMMIT nothing of it took effect, whatever
   * went wrong, so they may retry. A COMMIT whose answer was lost (the connection broke, an fsync
   * failed) may still have been applied, except on a full disk, which refuses the commit record
   * itself.
   */
  private StorageException batchFailure(Exception e, boolean commitSent) {
    // a repository's statement failed (wrapped), or BEGIN, a savepoint, the mark or COMMIT did
    SQLException sql =
        e instanceof SQLException direct
            ? direct
            : e.getCause() instanceof SQLException wrapped ? wrapped : null;
    StorageFault fault =
        sql != null
            ? SqlFailures.writeFault(sql, dialect.diskNearlyFull())
            : e instanceof StorageException storage ? storage.fault() : StorageFault.FAILED;
    StorageFault meaning =
        switch (fault) {
          case STORAGE_FULL, DAMAGED -> fault;
          default -> commitSent ? StorageFault.OUTCOME_UNKNOWN : StorageFault.UNAVAILABLE;
        };
    String outcome =
        meaning == StorageFault.OUTCOME_UNKNOWN
            ? "whether it was committed is unknown"
            : "nothing of it was committed";
    return new StorageException(meaning, "a write batch failed; " + outcome, e);
  }

  private void committed() {
    if (failedBatches > 0) {
      LOG.warning("writes commit again, after " + failedBatches + " failed write batches");
      failedBatches = 0;
    }
    health.writeCommitted();
  }

  /** The first failure of a run is logged in full; the rest are counted until writes recover. */
  private void failed(StorageException failure) {
    Level level = failedBatches++ == 0 ? Level.SEVERE : Level.FINE;
    LOG.log(level, failure.getMessage(), failure.getCause());
    if (failure.fault() == StorageFault.DAMAGED) {
      health.damaged(String.valueOf(failure.getCause()));
    } else {
      health.writeFailed();
    }
  }

  /** The batch committed: the model takes its changes; if that fails, the model goes off. */
  private void tellModel(SnapshotReadModel.Changes changes) {
    try {
      model.committed(changes);
    } catch (RuntimeException | Error e) {
      model.disable("applying a committed batch failed", e);
    }
  }

  private <T> void runInSavepoint(Task<T> task, SnapshotReadModel.Changes batchChanges)
      throws SQLException {
    execute("SAVEPOINT work");
    boolean keep;
    SnapshotReadModel.Changes workChanges = null;
    JdbcTransaction tx;
    if (model == null) {
      tx = new JdbcTransaction(connection, clock.now());
    } else {
      workChanges = new SnapshotReadModel.Changes();
      CachingConnection open = connection;
      tx =
          new JdbcTransaction(
              () -> open,
              clock.now(),
              new OverlaySnapshotRepository(
                  new JdbcSnapshotRepository(open), model, batchChanges, workChanges));
    }
    try {
      task.succeed(task.work.apply(tx));
      keep = !task.dryRun;
    } catch (StorageException e) {
      if (e.fault() != StorageFault.FAILED) {
        // A full disk or an I/O error may have rolled the whole transaction back already, taking
        // the earlier items with it: the batch as a whole failed.
        throw e;
      }
      task.fail(e);
      keep = false;
    } catch (Throwable e) { // whatever else the work throws fails only that work
      task.fail(e);
      keep = false;
    }
    if (!keep) {
      execute("ROLLBACK TO work");
    }
    execute("RELEASE work");
    connection.auditTip().writeEnded(keep);
    if (keep && workChanges != null) {
      batchChanges.addAll(workChanges);
    }
  }

  private void execute(String sql) throws SQLException {
    connection.execute(sql);
  }

  /**
   * Rolls back what a failed batch left open and closes the connection: whatever state the failure
   * left it in (SQLite rolls back by itself on some I/O errors, a savepoint may linger), the next
   * batch starts on a fresh one.
   */
  private void abandonConnection() {
    if (connection == null) {
      return; // reopening it failed
    }
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      LOG.log(Level.FINE, "no transaction left to roll back", e);
    }
    connection.close();
    connection = null;
  }

  /** One queued unit of work and, once run, its outcome. */
  private static final class Task<T> {
    final Function<? super StoreWrites, ? extends T> work;
    final boolean dryRun;
    final WriteScope scope;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private T result;
    private Throwable failure;

    Task(Function<? super StoreWrites, ? extends T> work, boolean dryRun, WriteScope scope) {
      this.work = work;
      this.dryRun = dryRun;
      this.scope = scope;
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
