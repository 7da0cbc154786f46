package io.lockctl.server.rpc;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's own threads: gRPC runs service code on them, and mutations are answered on them
 * rather than on the store's single writer thread, which must not wait on the network.
 *
 * <p>A fixed pool, two threads per core: reads run on these threads and each holds a reader
 * connection while it runs. With a thread per call in flight (a cached pool), 64 concurrent
 * GetSnapshot calls ran 64 readers, more than the reader pool keeps, so connections were opened and
 * closed per call and each new one parsed the schema again: a profile showed 27% of the server's
 * CPU in sqlite3_prepare. Service code never waits on another call, so a bounded pool cannot
 * deadlock; more threads than cores would only take turns.
 */
@Singleton
public final class CallExecutor implements Executor, AutoCloseable {
  static final int THREADS = 2 * Runtime.getRuntime().availableProcessors();

  private final ExecutorService threads;

  @Inject
  CallExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "lockctl-call-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.threads = Executors.newFixedThreadPool(THREADS, factory);
  }

  @Override
  public void execute(Runnable command) {
    threads.execute(command);
  }

  /** Lets answers already handed over run, then stops the threads (bounded, they are short). */
  @Override
  public void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException interrupted) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
