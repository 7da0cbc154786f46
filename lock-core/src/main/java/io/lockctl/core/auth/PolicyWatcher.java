package io.lockctl.core.auth;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls a {@link ReloadingPolicy}'s file and reloads it when it changes. Polling, not a {@code
 * WatchService}: a Kubernetes ConfigMap is updated by swapping a symlink in the directory above the
 * file, which a watch on the file's own directory does not see, and reading a file of at most 1 MiB
 * once a second costs nothing worth saving.
 */
public final class PolicyWatcher implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = Logger.getLogger(PolicyWatcher.class.getName());

  private final ScheduledExecutorService executor;
  private final ScheduledFuture<?> polling;

  private PolicyWatcher(ScheduledExecutorService executor, ScheduledFuture<?> polling) {
    this.executor = executor;
    this.polling = polling;
  }

  static PolicyWatcher start(ReloadingPolicy policy, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "lockctl-policy-watcher");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    ScheduledFuture<?> polling =
        executor.scheduleWithFixedDelay(() -> poll(policy), millis, millis, TimeUnit.MILLISECONDS);
    return new PolicyWatcher(executor, polling);
  }

  /** Never throws: an exception would end the schedule, and with it every later reload. */
  private static void poll(ReloadingPolicy policy) {
    try {
      if (policy.fileChanged()) {
        policy.reload();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "checking the policy file for changes failed", e);
    }
  }

  /** Stops polling; a reload under way finishes first. */
  @Override
  public void close() {
    polling.cancel(false);
    executor.shutdown();
  }
}
