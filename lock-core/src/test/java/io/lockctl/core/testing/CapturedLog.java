package io.lockctl.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what a logger records while a test runs and keeps it off the console: the warnings and
 * failures a test provokes on purpose are checked by the test, not printed in the build's output.
 * Closing it puts the logger back as it was.
 */
public final class CapturedLog implements AutoCloseable {
  /** Held so that the logger, and the handler set on it, is not collected during the test. */
  private final Logger logger;

  private final boolean usedParentHandlers;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord logRecord) {
          records.add(logRecord);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(Logger logger) {
    this.logger = logger;
    usedParentHandlers = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  /** What the logger of {@code source} (named after the class, as lockctl's are) records. */
  public static CapturedLog of(Class<?> source) {
    return new CapturedLog(Logger.getLogger(source.getName()));
  }

  /** The messages recorded at {@code level}, in order, their parameters filled in. */
  public List<String> messages(Level level) {
    return records.stream()
        .filter(logRecord -> logRecord.getLevel().equals(level))
        .map(formatter::formatMessage)
        .toList();
  }

  /** What was recorded at {@code level} with a throwable, in order. */
  public List<Throwable> thrown(Level level) {
    return records.stream()
        .filter(logRecord -> logRecord.getLevel().equals(level) && logRecord.getThrown() != null)
        .map(LogRecord::getThrown)
        .toList();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(usedParentHandlers);
  }
}
