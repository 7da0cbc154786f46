package io.lockctl.server.logging;

import java.util.Locale;
import java.util.logging.Level;

/**
 * How the server logs: one JSON object a line or plain text, and from which level on.
 *
 * @param format {@code json} or {@code text}
 * @param level the least severe level written for lockctl's own loggers; libraries log from INFO on
 *     (or from {@code level}, when stricter) so that DEBUG shows lockctl, not Netty
 */
public record LogSettings(Format format, Level level) {
  public static final LogSettings DEFAULT = new LogSettings(Format.TEXT, Level.INFO);

  /** The line format. */
  public enum Format {
    JSON,
    TEXT;

    public static Format parse(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "json" -> JSON;
        case "text" -> TEXT;
        default ->
            throw new IllegalArgumentException(
                "--log-format must be json or text, got '" + value + "'");
      };
    }
  }

  /** {@code error}, {@code warn}, {@code info} or {@code debug}. */
  public static Level parseLevel(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "error" -> Level.SEVERE;
      case "warn", "warning" -> Level.WARNING;
      case "info" -> Level.INFO;
      case "debug" -> Level.FINE;
      default ->
          throw new IllegalArgumentException(
              "--log-level must be error, warn, info or debug, got '" + value + "'");
    };
  }

  /** The name a log line gives {@code level}: ERROR, WARN, INFO, DEBUG or TRACE. */
  static String levelName(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= Level.WARNING.intValue()) {
      return "WARN";
    }
    if (value >= Level.INFO.intValue()) {
      return "INFO";
    }
    if (value >= Level.FINE.intValue()) {
      return "DEBUG";
    }
    return "TRACE";
  }
}
