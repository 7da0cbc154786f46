package io.lockctl.server.logging;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server's log: every {@code java.util.logging} record (lockctl's, and the libraries' through
 * slf4j-jdk14) as one line on a stream, in the configured format and from the configured level.
 */
public final class ServerLog {
  private static final String LOCKCTL_LOGGERS = "io.lockctl";

  // java.util.logging holds loggers weakly: a level set on one that is collected is lost
  private static Logger lockctlLoggers;

  private final LineHandler handler;
  private final Level level;

  private ServerLog(LineHandler handler, Level level) {
    this.handler = handler;
    this.level = level;
  }

  /**
   * Replaces the root logger's handlers with one writing to {@code out} as {@code settings} say.
   * Levels that a {@code java.util.logging.config.file} sets for other loggers stay as they are.
   */
  public static ServerLog install(LogSettings settings, PrintStream out) {
    Formatter formatter =
        settings.format() == LogSettings.Format.JSON
            ? new JsonLogFormatter()
            : new TextLogFormatter();
    LineHandler handler = new LineHandler(out, formatter);
    Logger root = Logger.getLogger("");
    for (Handler existing : root.getHandlers()) {
      root.removeHandler(existing);
    }
    root.addHandler(handler);
    root.setLevel(
        settings.level().intValue() > Level.INFO.intValue() ? settings.level() : Level.INFO);
    lockctlLoggers = Logger.getLogger(LOCKCTL_LOGGERS);
    lockctlLoggers.setLevel(settings.level());
    return new ServerLog(handler, settings.level());
  }

  /**
   * Writes {@code record} straight to the stream. For the lines of a stop: the JVM's own shutdown
   * hook resets {@code java.util.logging} (its handlers and levels) concurrently with the server's,
   * and would drop them.
   */
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= level.intValue()) {
      handler.publish(record);
    }
  }

  /** Writes whole lines, one record at a time; closing it never closes the stream. */
  private static final class LineHandler extends Handler {
    private final PrintStream out;

    LineHandler(PrintStream out, Formatter formatter) {
      this.out = out;
      setFormatter(formatter);
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      String line = getFormatter().format(record);
      synchronized (out) {
        out.print(line);
        out.flush();
      }
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
