package io.lockctl.server.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.ErrorManager;
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
   * Writes {@code record} to the stream, and returns once it is written. For the lines of a stop:
   * the JVM's own shutdown hook resets {@code java.util.logging} (its handlers and levels)
   * concurrently with the server's, and would drop them.
   */
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= level.intValue()) {
      handler.publish(record);
      handler.flush();
    }
  }

  /**
   * Writes whole lines from its own thread, so that a call's log line costs the call a queue
   * insertion, not a format, a lock on the stream and a write(2): under load one write carries
   * every line queued meanwhile, in UTF-8. At most {@link #CAPACITY} records wait; beyond that a
   * caller waits for room, so no line is dropped. Closing it (the JVM's shutdown resets logging)
   * writes what is queued and leaves it working, for the lines of a stop; it never closes the
   * stream.
   */
  private static final class LineHandler extends Handler {
    static final int CAPACITY = 8192;
    private static final int MAX_LINES_A_WRITE = 1024;
    private static final long FLUSH_WAIT_SECONDS = 5;
    private static final long GATHER_MILLIS = 2;

    private final PrintStream out;

    /** Records to write, and {@link CountDownLatch}es to count down once all before them are. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);

    LineHandler(PrintStream out, Formatter formatter) {
      this.out = out;
      setFormatter(formatter);
      setLevel(Level.ALL);
      Thread writer = new Thread(this::writeLines, "lockctl-log-writer");
      writer.setDaemon(true);
      writer.start();
    }

    @Override
    public void publish(LogRecord record) {
      if (isLoggable(record)) {
        enqueue(record);
      }
    }

    /** Returns once every record published before it is written, or after a few seconds. */
    @Override
    public void flush() {
      CountDownLatch written = new CountDownLatch(1);
      enqueue(written);
      try {
        written.await(FLUSH_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      flush();
    }

    private void enqueue(Object item) {
      boolean interrupted = false;
      while (true) {
        try {
          queue.put(item);
          break;
        } catch (InterruptedException e) {
          interrupted = true; // a log line is not worth losing to an interrupt; keep it for later
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private void writeLines() {
      List<Object> items = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      while (true) {
        items.clear();
        try {
          items.add(queue.take());
        } catch (InterruptedException ignored) {
          continue; // only the JVM's exit ends this daemon
        }
        queue.drainTo(items, MAX_LINES_A_WRITE - 1);
        text.setLength(0);
        for (Object item : items) {
          if (item instanceof LogRecord record) {
            try {
              text.append(getFormatter().format(record));
            } catch (RuntimeException unformattable) {
              reportError(
                  "a log record could not be formatted",
                  unformattable,
                  ErrorManager.FORMAT_FAILURE);
            }
          }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
          out.write(bytes, 0, bytes.length);
          out.flush();
        }
        boolean flushed = false;
        for (Object item : items) {
          if (item instanceof CountDownLatch written) {
            written.countDown();
            flushed = true;
          }
        }
        if (!flushed) {
          gather();
        }
      }
    }

    /**
     * Lets the next lines gather before the next write: under load that makes one write (and one
     * wake-up of this thread) carry many lines rather than each line its own.
     */
    private static void gather() {
      try {
        Thread.sleep(GATHER_MILLIS);
      } catch (InterruptedException ignored) {
        // only the JVM's exit ends this daemon
      }
    }
  }
}
