package io.lockctl.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the records of some loggers while open, instead of printing them: for tests that cause
 * warnings on purpose, so that the build's output shows only the unexpected ones.
 */
public final class CapturedLog implements AutoCloseable {
  private final List<Logger> loggers = new ArrayList<>();
  private final List<Boolean> usedParents = new ArrayList<>();
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(List<String> names) {
    handler.setLevel(Level.ALL);
    for (String name : names) {
      Logger logger = Logger.getLogger(name);
      loggers.add(logger);
      usedParents.add(logger.getUseParentHandlers());
      logger.addHandler(handler);
      logger.setUseParentHandlers(false);
    }
  }

  /** Captures the loggers named, and their children. */
  public static CapturedLog of(String... names) {
    return new CapturedLog(List.of(names));
  }

  /** The messages captured so far at {@code level} or above, formatted. */
  public List<String> messages(Level level) {
    synchronized (records) {
      return records.stream()
          .filter(r -> r.getLevel().intValue() >= level.intValue())
          .map(r -> r.getMessage())
          .toList();
    }
  }

  /** Whether any captured record carried a stack trace. */
  public boolean anyThrown() {
    synchronized (records) {
      return records.stream().anyMatch(r -> r.getThrown() != null);
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).removeHandler(handler);
      loggers.get(i).setUseParentHandlers(usedParents.get(i));
    }
  }
}
