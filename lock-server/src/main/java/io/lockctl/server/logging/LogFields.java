package io.lockctl.server.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A log line with named fields beside its message (JSON keys, or {@code key=value} in text). The
 * fields travel as the record's only parameter, so any {@code java.util.logging} handler still
 * prints the message.
 */
public final class LogFields {
  private LogFields() {}

  /** Logs {@code message} with {@code fields} (in their order) at {@code level}. */
  public static void log(Logger logger, Level level, String message, Map<String, ?> fields) {
    if (logger.isLoggable(level)) {
      logger.log(record(logger.getName(), level, message, fields));
    }
  }

  /** The record {@link #log} would log, for a handler to publish directly. */
  public static LogRecord record(
      String loggerName, Level level, String message, Map<String, ?> fields) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(loggerName);
    record.setParameters(new Object[] {Collections.unmodifiableMap(new LinkedHashMap<>(fields))});
    return record;
  }

  /** The fields of a record logged through this class; empty for any other record. */
  static Map<?, ?> of(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> map) {
      return map;
    }
    return Map.of();
  }
}
