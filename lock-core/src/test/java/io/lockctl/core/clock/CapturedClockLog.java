package io.lockctl.core.clock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Takes the {@link ComplianceClock}'s log away from the console while open and keeps it, so that
 * the warnings a test expects are checked rather than printed in the build output.
 */
final class CapturedClockLog extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger(ComplianceClock.class.getName());
  private final boolean usedParentHandlers = logger.getUseParentHandlers();
  private final Level level = logger.getLevel();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  CapturedClockLog() {
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord logRecord) {
    records.add(logRecord);
  }

  /** The messages logged at {@code level}, in order. */
  List<String> at(Level level) {
    return records.stream()
        .filter(logRecord -> logRecord.getLevel().equals(level))
        .map(LogRecord::getMessage)
        .toList();
  }

  List<String> warnings() {
    return at(Level.WARNING);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(level);
    logger.setUseParentHandlers(usedParentHandlers);
  }
}
