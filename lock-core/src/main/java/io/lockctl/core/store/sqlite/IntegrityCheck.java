package io.lockctl.core.store.sqlite;

import io.lockctl.core.store.jdbc.SqlFailures;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;

/**
 * SQLite's {@code PRAGMA quick_check} of the database file, started before anything else opens it:
 * every page and b-tree is read and checked (not the indexes against their tables, which the full
 * integrity_check adds). A damaged page can hide a lock, so a file that fails it is not served.
 *
 * <p>It reads the whole file, about 3 s per million snapshots on a warm page cache (6 s cold). The
 * store waits {@link #BEFORE_SERVING} for it and refuses a file it found damaged by then. A larger
 * file's check goes on in the background while the store serves, on a read transaction of its own
 * that sees the file as it was at the start, and a finding then turns the store damaged: it serves
 * nothing more until a restart. Reads meeting a damaged page meanwhile are refused as ever.
 */
final class IntegrityCheck {
  private static final Logger LOG = Logger.getLogger(IntegrityCheck.class.getName());

  /** Enough to check a store of about 600 000 snapshots before it serves, on a warm page cache. */
  static final Duration BEFORE_SERVING = Duration.ofSeconds(2);

  /** Enough of SQLite's findings to tell what is wrong. */
  private static final int MOST_FINDINGS = 10;

  /** SQLite calls the progress handler every this many virtual machine steps. */
  private static final int PROGRESS_STEPS = 100_000;

  private final Path databaseFile;
  private final Thread thread;
  private volatile boolean stopping;

  /** Completes with SQLite's findings (["ok"] for a sound file), or fails as the check failed. */
  private final CompletableFuture<List<String>> findings = new CompletableFuture<>();

  private IntegrityCheck(Path databaseFile) {
    this.databaseFile = databaseFile;
    this.thread = new Thread(this::run, "lockctl-quick-check");
    thread.setDaemon(true);
  }

  /** Starts checking {@code databaseFile} on a thread of its own. */
  static IntegrityCheck start(Path databaseFile) {
    IntegrityCheck check = new IntegrityCheck(databaseFile);
    check.thread.start();
    return check;
  }

  /**
   * Waits up to {@code wait} for the check; throws if it found the file damaged by then, or failed
   * (the caller then stops it). A zero wait leaves the whole check to the background.
   */
  void awaitBeforeServing(Duration wait) {
    if (wait.isZero()) {
      return;
    }
    try {
      List<String> found = findings.get(wait.toNanos(), TimeUnit.NANOSECONDS);
      if (!found.equals(List.of("ok"))) {
        throw refusal(found);
      }
    } catch (TimeoutException e) {
      LOG.info(
          () ->
              "quick_check of "
                  + databaseFile
                  + " goes on while the store serves; a finding will stop it serving");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StorageException failure
          ? failure
          : new StorageException("checking " + databaseFile + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while checking " + databaseFile, e);
    }
  }

  /**
   * Calls {@code damaged} with the evidence if the check finds the file damaged; at once if it
   * already did. A check that fails otherwise is logged: the file was not proved damaged.
   */
  void whenFinished(Consumer<String> damaged) {
    var unused =
        findings.whenComplete(
            (found, failure) -> {
              if (stopping) {
                return;
              }
              if (failure instanceof StorageException refused
                  && refused.fault() == StorageFault.DAMAGED) {
                damaged.accept(refused.getMessage());
              } else if (failure != null) {
                LOG.log(Level.WARNING, "quick_check of " + databaseFile + " failed", failure);
              } else if (!found.equals(List.of("ok"))) {
                damaged.accept(refusal(found).getMessage());
              }
            });
  }

  /** Stops a check that is still running and waits for its thread: the file is about to close. */
  void stop() {
    stopping = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long started = System.nanoTime();
    List<String> found = new ArrayList<>();
    String url = "jdbc:sqlite:" + databaseFile.toAbsolutePath();
    try (Connection connection = new SQLiteConfig().createConnection(url)) {
      ProgressHandler.setHandler(
          connection,
          PROGRESS_STEPS,
          new ProgressHandler() {
            @Override
            protected int progress() {
              return stopping ? 1 : 0;
            }
          });
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("PRAGMA quick_check(" + MOST_FINDINGS + ")")) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      StorageException failure = SqlFailures.of("checking " + databaseFile, e);
      findings.completeExceptionally(
          failure.fault() == StorageFault.DAMAGED
              ? refusal(List.of(String.valueOf(e.getMessage())))
              : failure);
      return;
    } catch (RuntimeException e) {
      findings.completeExceptionally(e);
      return;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.fine(() -> "quick_check of " + databaseFile + " in " + millis + " ms: " + found);
    findings.complete(found);
  }

  private StorageException refusal(List<String> found) {
    return new StorageException(
        StorageFault.DAMAGED,
        "the database "
            + databaseFile
            + " is damaged (SQLite quick_check: "
            + String.join("; ", found)
            + "); restore it from a backup",
        null);
  }
}
