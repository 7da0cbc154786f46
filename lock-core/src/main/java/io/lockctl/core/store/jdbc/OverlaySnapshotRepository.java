package io.lockctl.core.store.jdbc;

import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.store.jdbc.SnapshotReadModel.Changes;
import io.lockctl.core.store.jdbc.SnapshotReadModel.RowKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshots of one unit of write work when the store keeps a read model. Every write goes to
 * SQL first and, once SQL took it, into this work's {@link Changes}; the writer adds them to the
 * batch's if the work is kept and drops them if it is rolled back, and hands the batch's to the
 * model after COMMIT.
 *
 * <p>{@link #find} reads what the SQL on the writer's connection would: this work's own changes,
 * then the changes of the batch's earlier work (committed to nothing yet), then the model, which
 * holds every committed batch. Until the model is loaded it asks SQL. Listings and counts ask SQL,
 * which sees the open transaction's changes: writes seldom list.
 */
final class OverlaySnapshotRepository implements SnapshotRepository {
  private final JdbcSnapshotRepository sql;
  private final SnapshotReadModel model;
  private final Changes batch;
  private final Changes work;

  OverlaySnapshotRepository(
      JdbcSnapshotRepository sql, SnapshotReadModel model, Changes batch, Changes work) {
    this.sql = sql;
    this.model = model;
    this.batch = batch;
    this.work = work;
  }

  @Override
  public Optional<Snapshot> find(String regionId, String snapshotId) {
    if (!model.ready()) {
      return sql.find(regionId, snapshotId);
    }
    RowKey key = new RowKey(regionId, snapshotId);
    SnapshotRow row = work.get(key);
    if (row == null) {
      row = batch.get(key);
    }
    Optional<Snapshot> found;
    if (row == null) {
      // Only this thread changes the model, so no stamp is needed to read it.
      found = model.find(regionId, snapshotId);
    } else {
      found =
          row == Changes.DELETED
              ? Optional.empty()
              : Optional.of(row.toSnapshot(regionId, snapshotId));
    }
    found.ifPresent(sql::foundElsewhere);
    return found;
  }

  @Override
  public void insert(Snapshot snapshot) {
    sql.insert(snapshot);
    work.put(key(snapshot), SnapshotRow.of(snapshot));
  }

  @Override
  public void update(Snapshot snapshot) {
    sql.update(snapshot);
    work.put(key(snapshot), SnapshotRow.of(snapshot));
  }

  @Override
  public void delete(String regionId, String snapshotId) {
    sql.delete(regionId, snapshotId);
    work.put(new RowKey(regionId, snapshotId), Changes.DELETED);
  }

  @Override
  public int deleteGoneFromRecycleBin(Instant now) {
    List<RowKey> deleted = sql.deleteGoneReturningKeys(now);
    deleted.forEach(key -> work.put(key, Changes.DELETED));
    return deleted.size();
  }

  @Override
  public List<Snapshot> list(SnapshotQuery query) {
    return sql.list(query);
  }

  @Override
  public List<LockedSnapshot> listLocks(SnapshotQuery query) {
    return sql.listLocks(query);
  }

  @Override
  public Map<LockStatus, Long> countLocks(Instant now) {
    return sql.countLocks(now);
  }

  private static RowKey key(Snapshot snapshot) {
    return new RowKey(snapshot.regionId(), snapshot.snapshotId());
  }
}
