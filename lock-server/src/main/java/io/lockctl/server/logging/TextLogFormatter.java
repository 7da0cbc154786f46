package io.lockctl.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line a record, for people: {@code time LEVEL logger: message key=value ...}; a value with
 * spaces, quotes or control characters is quoted. A throwable's stack trace follows on its own
 * lines.
 */
public final class TextLogFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    StringBuilder line =
        new StringBuilder(160)
            .append(record.getInstant())
            .append(' ')
            .append(LogSettings.levelName(record.getLevel()))
            .append(' ')
            .append(record.getLoggerName())
            .append(": ")
            .append(formatMessage(record));
    for (Map.Entry<?, ?> field : LogFields.of(record).entrySet()) {
      line.append(' ').append(field.getKey()).append('=').append(value(field.getValue()));
    }
    line.append(System.lineSeparator());
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  private static String value(Object value) {
    String text = String.valueOf(value);
    if (plain(text)) {
      return text;
    }
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  /** Printable ASCII with no space, quote or equals sign: written as it is. */
  private static boolean plain(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == '=') {
        return false;
      }
    }
    return true;
  }
}
