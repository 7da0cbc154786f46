package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/** A SQLite store in a fresh directory, on /dev/shm when there is one (fsync is free there). */
final class SqliteFixture extends JdbcFixture {
  private final Path dir;

  SqliteFixture() {
    try {
      Path shm = Path.of("/dev/shm");
      dir =
          Files.isDirectory(shm) && Files.isWritable(shm)
              ? Files.createTempDirectory(shm, "lockctl-store-test")
              : Files.createTempDirectory("lockctl-store-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    open();
  }

  @Override
  protected JdbcStore openStore(ComplianceClock clock) {
    SqliteStore store = SqliteStore.open(dir, clock);
    // The contracts then run on the read model, as the server does once it is loaded.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!store.readModelReady() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return store;
  }

  @Override
  protected Connection connectDirectly() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lockctl.db"));
  }

  @Override
  protected void drop() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
