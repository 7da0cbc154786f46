package io.lockctl.core.simulation;

import io.lockctl.core.store.jdbc.TestSchema;
import io.lockctl.core.store.postgres.PostgresStore;
import io.lockctl.core.store.sqlite.SqliteStore;
import io.lockctl.core.testing.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The stores a history runs on, each fresh for every history: the in-memory one, SQLite in a new
 * directory (on /dev/shm when there is one, where fsync costs nothing), PostgreSQL in a new schema
 * of the test database. Generated ids are drawn from the history's seed on all of them.
 */
enum Stores {
  MEMORY("the in-memory store"),
  SQLITE("SQLite"),
  POSTGRES("PostgreSQL");

  private final String description;

  Stores(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** A world on a fresh store of this kind; closing it closes the store and removes its data. */
  Opened open(long seed) {
    Random ids = new Random(Histories.mix(~seed));
    return switch (this) {
      case MEMORY -> new Opened(World.inMemory(Universe.START, ids), () -> {});
      case SQLITE -> {
        Path dir = temporaryDirectory();
        yield new Opened(
            World.on(Universe.START, clock -> SqliteStore.open(dir, clock), ids),
            () -> delete(dir));
      }
      case POSTGRES -> {
        TestSchema schema = TestSchema.create();
        yield new Opened(
            World.on(Universe.START, clock -> PostgresStore.open(schema.url(), clock), ids),
            schema::drop);
      }
    };
  }

  /** Removes what a store left behind. */
  @FunctionalInterface
  interface Cleanup {
    void run() throws IOException, SQLException;
  }

  /** A world and what to remove after it. */
  record Opened(World world, Cleanup cleanup) implements AutoCloseable {
    @Override
    public void close() {
      world.close();
      try {
        cleanup.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException("dropping the test schema failed", e);
      }
    }
  }

  private static Path temporaryDirectory() {
    try {
      Path shm = Path.of("/dev/shm");
      return Files.isDirectory(shm) && Files.isWritable(shm)
          ? Files.createTempDirectory(shm, "lockctl-simulation")
          : Files.createTempDirectory("lockctl-simulation");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
