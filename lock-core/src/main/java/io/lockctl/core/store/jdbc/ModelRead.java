package io.lockctl.core.store.jdbc;

import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotRepository;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One read transaction of a store with a loaded read model. It opens no SQL connection until a
 * repository other than the snapshots (or a listing the model leaves to SQL) is used; what it uses
 * first decides how it reads snapshots:
 *
 * <ul>
 *   <li>from memory, if snapshots come first: every answer is checked against the stamp taken when
 *       the transaction began, so all of them show one committed state, or the read is retried;
 *   <li>from SQL, like everything else, if anything else comes first: one SQL transaction sees one
 *       committed state of every table.
 * </ul>
 *
 * A read that took snapshots from memory and then needs SQL could mix two states, so it is run
 * again on SQL alone ({@link Retry#needsSql}); no read of lockctl's does that today.
 */
final class ModelRead implements AutoCloseable {

  /** Why the work must run again; thrown through the work, which has no reason to catch it. */
  static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether to run it on the model again ({@code false}: on SQL alone). */
    final boolean onModel;

    private Retry(boolean onModel, String message) {
      super(message, null, false, false);
      this.onModel = onModel;
    }

    /** The model changed during the read: run it again, on the model if it can. */
    static Retry changed() {
      return new Retry(true, "the read model changed during the read");
    }

    /** The read needs SQL after reading the model: run it again on SQL alone. */
    static Retry needsSql() {
      return new Retry(false, "the read needs SQL after reading the model");
    }
  }

  private enum Mode {
    UNDECIDED,
    MEMORY,
    SQL
  }

  private final SnapshotReadModel model;
  private final long stamp;
  private final ReaderPool readers;
  private Mode mode = Mode.UNDECIDED;
  private CachingConnection connection;
  private JdbcSnapshotRepository sqlSnapshots;

  /** Set when a {@link Retry} was thrown, in case the work caught it. */
  private Retry retry;

  ModelRead(SnapshotReadModel model, long stamp, ReaderPool readers) {
    this.model = model;
    this.stamp = stamp;
    this.readers = readers;
  }

  JdbcTransaction transaction(Instant now) {
    return new JdbcTransaction(this::sqlConnection, now, new Snapshots());
  }

  /** The retry the work was told of, if any: then its outcome is discarded. */
  Retry retry() {
    return retry;
  }

  private CachingConnection sqlConnection() {
    if (mode == Mode.MEMORY) {
      throw fail(Retry.needsSql());
    }
    mode = Mode.SQL;
    if (connection == null) {
      CachingConnection borrowed = readers.borrow();
      try {
        try {
          borrowed.execute("BEGIN");
        } catch (SQLException stale) {
          borrowed = readers.replace(borrowed);
          borrowed.execute("BEGIN");
        }
      } catch (SQLException e) {
        readers.discard(borrowed);
        throw SqlFailures.of("a read transaction", e);
      } catch (RuntimeException e) {
        readers.discard(borrowed);
        throw e;
      }
      connection = borrowed;
    }
    return connection;
  }

  private JdbcSnapshotRepository sql() {
    if (sqlSnapshots == null) {
      sqlSnapshots = new JdbcSnapshotRepository(sqlConnection());
    }
    return sqlSnapshots;
  }

  private boolean onSql() {
    return mode == Mode.SQL;
  }

  /** {@code answer} from the model, if the model did not change since the read began. */
  private <T> T fromMemory(Supplier<T> answer) {
    mode = Mode.MEMORY;
    T value = answer.get();
    if (!model.validate(stamp)) {
      throw fail(Retry.changed());
    }
    return value;
  }

  private Retry fail(Retry why) {
    retry = why;
    return why;
  }

  /** Ends the SQL transaction, if one was opened, and gives its connection back. */
  @Override
  public void close() {
    if (connection == null) {
      return;
    }
    CachingConnection open = connection;
    connection = null;
    try {
      open.execute("ROLLBACK");
    } catch (SQLException e) {
      readers.discard(open);
      throw SqlFailures.of("a read transaction", e);
    }
    readers.giveBack(open);
  }

  /** The snapshots as this read sees them. A read's connection is read-only: no writes. */
  private final class Snapshots implements SnapshotRepository {
    @Override
    public Optional<Snapshot> find(String regionId, String snapshotId) {
      return onSql()
          ? sql().find(regionId, snapshotId)
          : fromMemory(() -> model.find(regionId, snapshotId));
    }

    @Override
    public List<Snapshot> list(SnapshotQuery query) {
      return onSql() || !SnapshotReadModel.answers(query)
          ? sql().list(query)
          : fromMemory(() -> model.list(query));
    }

    @Override
    public List<LockedSnapshot> listLocks(SnapshotQuery query) {
      return onSql() || !SnapshotReadModel.answers(query)
          ? sql().listLocks(query)
          : fromMemory(() -> model.listLocks(query));
    }

    @Override
    public Map<LockStatus, Long> countLocks(Instant now) {
      return onSql() ? sql().countLocks(now) : fromMemory(() -> model.countLocks(now));
    }

    @Override
    public void insert(Snapshot snapshot) {
      throw readOnly();
    }

    @Override
    public void update(Snapshot snapshot) {
      throw readOnly();
    }

    @Override
    public void delete(String regionId, String snapshotId) {
      throw readOnly();
    }

    @Override
    public int deleteGoneFromRecycleBin(Instant now) {
      throw readOnly();
    }

    private UnsupportedOperationException readOnly() {
      return new UnsupportedOperationException("a read transaction writes nothing");
    }
  }
}
