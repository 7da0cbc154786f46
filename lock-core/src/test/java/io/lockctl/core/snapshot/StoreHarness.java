package io.lockctl.core.snapshot;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.store.ReadWork;
import io.lockctl.core.store.WriteWork;
import io.lockctl.core.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The real SQLite store in a fresh directory (on /dev/shm when there is one, where fsync is free),
 * under a compliance clock over a settable system clock. Writes are awaited, and a refusal comes
 * out as the {@link io.lockctl.core.error.RejectedException} the work threw. Closing deletes the
 * directory.
 */
final class StoreHarness implements AutoCloseable {
  final SettableClock system;
  final ComplianceClock clock;
  private final Path dir;
  private final SqliteStore store;

  StoreHarness(Instant start) {
    system = new SettableClock(start);
    clock = new ComplianceClock(system);
    try {
      Path shm = Path.of("/dev/shm");
      dir =
          Files.isDirectory(shm) && Files.isWritable(shm)
              ? Files.createTempDirectory(shm, "lockctl-snapshot-test")
              : Files.createTempDirectory("lockctl-snapshot-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store = SqliteStore.open(dir, clock);
  }

  <T> T write(WriteWork<T> work) {
    try {
      return store.write(work).join();
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw failed;
    }
  }

  <T> T read(ReadWork<T> work) {
    return store.read(work);
  }

  @Override
  public void close() {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
