package io.lockctl.core.store.memory;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.CommitListener;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.StoreHealth;
import io.lockctl.core.store.StoreReads;
import io.lockctl.core.store.StoreWrites;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A {@link Store} in memory: the reference implementation of every feature's views, which passes
 * the same contract tests as the SQL stores and carries the simulations. It keeps nothing across
 * restarts, so the server never uses it for data.
 *
 * <p>Writes run one at a time on the caller's thread and complete before {@link #write} returns; a
 * write that throws, and every dry run, leave the tables as they were. A read sees only committed
 * writes: it waits while one runs, which takes microseconds here.
 */
public final class MemoryStore implements Store {
  private final ComplianceClock clock;
  private final Tables tables = new Tables();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<CommitListener> commitListeners = new CopyOnWriteArrayList<>();
  private final StoreHealth health = new StoreHealth();
  private volatile boolean closed;

  public MemoryStore(ComplianceClock clock) {
    this.clock = clock;
  }

  @Override
  public <T> T read(Function<? super StoreReads, ? extends T> work) {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    lock.readLock().lock();
    try {
      return work.apply(new MemoryTransaction(tables, Writes.NONE, clock.now()));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <T> CompletableFuture<T> write(Function<? super StoreWrites, ? extends T> work) {
    return run(work, false);
  }

  @Override
  public <T> CompletableFuture<T> dryRun(Function<? super StoreWrites, ? extends T> work) {
    return run(work, true);
  }

  /** Memory does not fail: always serving. */
  @Override
  public StoreHealth health() {
    return health;
  }

  @Override
  public void onCommit(CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void close() {
    closed = true;
  }

  private <T> CompletableFuture<T> run(
      Function<? super StoreWrites, ? extends T> work, boolean dryRun) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the store is closed"));
    }
    UndoLog changes = new UndoLog();
    T result;
    long started = System.nanoTime();
    lock.writeLock().lock();
    try {
      result = work.apply(new MemoryTransaction(tables, new Writes(changes), clock.now()));
      if (dryRun) {
        changes.rollBack();
      }
    } catch (RuntimeException | Error failure) {
      changes.rollBack();
      return CompletableFuture.failedFuture(failure);
    } finally {
      lock.writeLock().unlock();
    }
    if (!dryRun) {
      long took = System.nanoTime() - started;
      commitListeners.forEach(listener -> listener.committed(1, took, 0));
    }
    return CompletableFuture.completedFuture(result);
  }
}
