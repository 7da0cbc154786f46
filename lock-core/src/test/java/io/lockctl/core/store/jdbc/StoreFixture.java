package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * A store on a fresh, private database (a SQLite directory, a PostgreSQL schema) under a settable
 * system clock; closing it drops the database.
 */
public abstract class StoreFixture implements AutoCloseable {
  public static final String REGION = "eu-west-1";
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  final SettableClock system = new SettableClock(START);
  ComplianceClock clock;
  JdbcStore store;

  /** Opens the store on this fixture's database with {@code clock}. */
  protected abstract JdbcStore openStore(ComplianceClock clock);

  /** A connection to the committed database, past the store. */
  protected abstract Connection connectDirectly() throws SQLException;

  /** Deletes the database; the store is closed by then. */
  protected abstract void drop() throws Exception;

  /** Opens the store on the database with a new compliance clock, as after a restart. */
  final void open() {
    clock = new ComplianceClock(system);
    store = openStore(clock);
  }

  final void reopen() {
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
