package io.lockctl.server.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warnings that a caller can trigger at will (a refused token, a missing certificate): at most one
 * line per interval for each kind, saying how many of that kind were not logged since. A flood of
 * bad calls then costs a line a second, not a disk.
 */
public final class RateLimitedLog {
  private final Logger logger;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimitedLog(Logger logger, Duration interval, LongSupplier nanoTime) {
    this.logger = logger;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Once per {@code interval} for each kind, on the system's monotonic clock. */
  public RateLimitedLog(Logger logger, Duration interval) {
    this(logger, interval, System::nanoTime);
  }

  /** Logs {@code message} at WARNING unless a message of {@code kind} was logged too recently. */
  public void warn(String kind, String message) {
    if (!logger.isLoggable(Level.WARNING)) {
      return;
    }
    long suppressed = windows.computeIfAbsent(kind, k -> new Window()).admit(nanoTime.getAsLong());
    if (suppressed < 0) {
      return;
    }
    logger.warning(
        suppressed == 0 ? message : message + " (and " + suppressed + " more like it, not logged)");
  }

  private final class Window {
    private boolean started;
    private long lastLogged;
    private long suppressed;

    /** -1 to stay silent, else how many were suppressed since the last line. */
    synchronized long admit(long now) {
      if (started && now - lastLogged < intervalNanos) {
        suppressed++;
        return -1;
      }
      started = true;
      lastLogged = now;
      long count = suppressed;
      suppressed = 0;
      return count;
    }
  }
}
