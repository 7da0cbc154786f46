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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;

/**
 * SQLite's {@code PRAGMA quick_check} on the database file before anything else opens it: every
 * page and b-tree is read and checked (not the indexes against their tables, which the full
 * integrity_check adds). A file that fails it is refused: a damaged page can hide a lock.
 *
 * <p>It reads the whole file, about 3 s per million snapshots on a warm page cache (6 s cold). So
 * that a very large store still starts in bounded time, the check stops after {@link #BUDGET}, and
 * says so in the log; the part it read was checked, and reads meeting a damaged page later are
 * still refused.
 */
final class IntegrityCheck {
  private static final Logger LOG = Logger.getLogger(IntegrityCheck.class.getName());

  /** Enough of SQLite's findings to tell what is wrong. */
  private static final int MOST_FINDINGS = 10;

  static final Duration BUDGET = Duration.ofSeconds(30);

  /** SQLite calls the progress handler every this many virtual machine steps. */
  private static final int PROGRESS_STEPS = 100_000;

  private IntegrityCheck() {}

  static void run(Path databaseFile) {
    long started = System.nanoTime();
    List<String> findings = new ArrayList<>();
    String url = "jdbc:sqlite:" + databaseFile.toAbsolutePath();
    long deadline = started + BUDGET.toNanos();
    AtomicBoolean stopped = new AtomicBoolean();
    try (Connection connection = new SQLiteConfig().createConnection(url)) {
      ProgressHandler.setHandler(
          connection,
          PROGRESS_STEPS,
          new ProgressHandler() {
            @Override
            protected int progress() {
              stopped.set(System.nanoTime() > deadline);
              return stopped.get() ? 1 : 0;
            }
          });
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("PRAGMA quick_check(" + MOST_FINDINGS + ")")) {
        while (rows.next()) {
          findings.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      if (stopped.get()) {
        LOG.warning(
            () ->
                "quick_check of "
                    + databaseFile
                    + " stopped unfinished after "
                    + BUDGET.toSeconds()
                    + " s; the rest of the file was not checked");
        return;
      }
      StorageException failure = SqlFailures.of("checking " + databaseFile, e);
      if (failure.fault() == StorageFault.DAMAGED) {
        throw refusal(databaseFile, List.of(String.valueOf(e.getMessage())));
      }
      throw failure;
    }
    if (!findings.equals(List.of("ok"))) {
      throw refusal(databaseFile, findings);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.fine(() -> "quick_check of " + databaseFile + ": ok in " + millis + " ms");
  }

  private static StorageException refusal(Path databaseFile, List<String> findings) {
    return new StorageException(
        StorageFault.DAMAGED,
        "the database "
            + databaseFile
            + " is damaged (SQLite quick_check: "
            + String.join("; ", findings)
            + "); restore it from a backup",
        null);
  }
}
