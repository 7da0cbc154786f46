package io.lockctl.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object a line: {@code time} (RFC 3339, UTC), {@code level}, {@code logger}, {@code
 * message}, the record's fields, and for a record with a throwable {@code error} and {@code
 * stack_trace}.
 */
public final class JsonLogFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(256).append('{');
    member(line, "time", record.getInstant().toString());
    line.append(',');
    member(line, "level", LogSettings.levelName(record.getLevel()));
    line.append(',');
    member(line, "logger", record.getLoggerName());
    line.append(',');
    member(line, "message", formatMessage(record));
    for (Map.Entry<?, ?> field : LogFields.of(record).entrySet()) {
      line.append(',');
      member(line, String.valueOf(field.getKey()), field.getValue());
    }
    Throwable thrown = record.getThrown();
    if (thrown != null) {
      line.append(',');
      member(line, "error", thrown.toString());
      line.append(',');
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      member(line, "stack_trace", trace.toString());
    }
    return line.append('}').append(System.lineSeparator()).toString();
  }

  private static void member(StringBuilder line, String name, Object value) {
    string(line, name);
    line.append(':');
    if (value instanceof Number || value instanceof Boolean) {
      line.append(value);
    } else {
      string(line, String.valueOf(value));
    }
  }

  private static void string(StringBuilder line, String value) {
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }
}
