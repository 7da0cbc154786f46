package io.lockctl.core.store.sqlite;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A store in a fresh directory (on /dev/shm when there is one: fsync is free there) under a
 * settable system clock; closing it deletes the directory.
 */
final class StoreFixture implements AutoCloseable {
  static final String REGION = "eu-west-1";
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  final SettableClock system = new SettableClock(START);
  final Path dir;
  ComplianceClock clock;
  SqliteStore store;

  StoreFixture() {
    try {
      Path shm = Path.of("/dev/shm");
      dir = Files.isDirectory(shm) && Files.isWritable(shm)
          ? Files.createTempDirectory(shm, "lockctl-store-test")
          : Files.createTempDirectory("lockctl-store-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    open();
  }

  /** Opens the store on the directory with a new compliance clock, as after a restart. */
  void open() {
    clock = new ComplianceClock(system);
    store = SqliteStore.open(dir, clock);
  }

  void reopen() {
    store.close();
    open();
  }

  static String id(int n) {
    return String.format("s-%020d", n);
  }

  static Snapshot snapshot(String id) {
    return snapshot(id, null, Map.of());
  }

  static Snapshot snapshot(String id, SnapshotLock lock, Map<String, String> tags) {
    return new Snapshot(REGION, id, SnapshotStatus.ACCOMPLISHED, 7, false, "", tags, START,
        SnapshotState.ACTIVE, null, lock);
  }

  @Override
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
