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
 */
@Singleton
public final class CallExecutor implements Executor, AutoCloseable {
  private final ExecutorService threads;

  @Inject
  CallExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "lockctl-call-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.threads = Executors.newCachedThreadPool(factory);
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
