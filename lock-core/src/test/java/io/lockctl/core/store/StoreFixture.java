package io.lockctl.core.store;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A {@link Store} of the kind under test on fresh, private data (memory, a SQLite directory, a
 * PostgreSQL schema) under a settable system clock; closing it drops the data. The store contracts
 * run on every kind through one of these.
 */
public abstract class StoreFixture implements AutoCloseable {
  public static final String REGION = "eu-west-1";
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final SettableClock system = new SettableClock(START);
  private Store store;

  /** Opens the store on this fixture's data with {@code clock}. */
  protected abstract Store openStore(ComplianceClock clock);

  /** Deletes the data; the store is closed by then. */
  protected void drop() throws Exception {}

  /** Opens the store on the data with a new compliance clock, as a process does when it starts. */
  protected final void open() {
    store = openStore(new ComplianceClock(system));
  }

  public Store store() {
    return store;
  }

  /** The system clock under the store's compliance clock. */
  public final SettableClock system() {
    return system;
  }

  /** Runs {@code work} in one write transaction and waits for it to commit. */
  public void write(Consumer<StoreWrites> work) {
    store
        .write(
            tx -> {
              work.accept(tx);
              return null;
            })
        .join();
  }

  /** Runs {@link StoreMaintenance#purgeExpiredRecords} as the store's owner would. */
  public CompletableFuture<Integer> purgeExpiredRecords() {
    return store.write(StoreMaintenance::purgeExpiredRecords);
  }

  /** Runs {@link StoreMaintenance#reclaimRecycleBin} as the store's owner would. */
  public CompletableFuture<Integer> reclaimRecycleBin() {
    return store.write(StoreMaintenance::reclaimRecycleBin);
  }

  public static String id(int n) {
    return String.format("s-%020d", n);
  }

  public static Snapshot snapshot(String id) {
    return snapshot(id, null, Map.of());
  }

  public static Snapshot snapshot(String id, SnapshotLock lock, Map<String, String> tags) {
    return new Snapshot(
        REGION,
        id,
        SnapshotStatus.ACCOMPLISHED,
        7,
        false,
        "",
        tags,
        START,
        SnapshotState.ACTIVE,
        null,
        lock);
  }

  @Override
  public final void close() throws Exception {
    if (store != null) {
      store.close();
    }
    drop();
  }
}
