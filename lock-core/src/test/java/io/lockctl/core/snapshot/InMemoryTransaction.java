package io.lockctl.core.snapshot;

import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.store.WriteTransaction;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A write transaction over a plain map, to test the shells' loading, writing and paging without
 * a database. It follows {@link SnapshotRepository}'s and {@link SnapshotQuery}'s contracts
 * literally; the shells write only after a decision accepted, so it needs no rollback.
 */
final class InMemoryTransaction implements WriteTransaction, SnapshotRepository {
  private final Map<String, Snapshot> rows = new TreeMap<>();
  private Instant now;

  InMemoryTransaction(Instant now) {
    this.now = now;
  }

  void setNow(Instant newNow) {
    now = newNow;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public SnapshotRepository snapshots() {
    return this;
  }

  @Override
  public IdempotencyRepository idempotency() {
    throw new UnsupportedOperationException("the snapshot shells do not use idempotency records");
  }

  @Override
  public Optional<Snapshot> find(String regionId, String snapshotId) {
    return Optional.ofNullable(rows.get(key(regionId, snapshotId)));
  }

  @Override
  public void insert(Snapshot snapshot) {
    if (rows.putIfAbsent(key(snapshot.regionId(), snapshot.snapshotId()), snapshot) != null) {
      throw new IllegalStateException("duplicate insert of " + snapshot.snapshotId());
    }
  }

  @Override
  public void update(Snapshot snapshot) {
    if (rows.replace(key(snapshot.regionId(), snapshot.snapshotId()), snapshot) == null) {
      throw new IllegalStateException("update of missing " + snapshot.snapshotId());
    }
  }

  @Override
  public void delete(String regionId, String snapshotId) {
    rows.remove(key(regionId, snapshotId));
  }

  @Override
  public List<Snapshot> list(SnapshotQuery query) {
    return rows.values().stream()
        .filter(s -> s.regionId().equals(query.regionId()))
        .filter(s -> query.state() == null || s.state() == query.state())
        .filter(s -> switch (query.lock()) {
          case ANY -> true;
          case HAS_LOCK -> s.lock() != null;
          case ACTIVE_LOCK -> s.activeLockAt(query.now()).isPresent();
        })
        .filter(s -> query.lockStatus() == null
            || (s.lock() != null && s.lock().statusAt(query.now()) == query.lockStatus()))
        .filter(s -> query.snapshotIds().isEmpty() || query.snapshotIds().contains(s.snapshotId()))
        .filter(s -> query.tagKey() == null || s.tags().containsKey(query.tagKey()))
        .filter(s -> query.tagValue() == null || query.tagValue().equals(s.tags().get(query.tagKey())))
        .filter(s -> query.afterSnapshotId() == null
            || s.snapshotId().compareTo(query.afterSnapshotId()) > 0)
        .sorted(Comparator.comparing(Snapshot::snapshotId))
        .limit(query.limit())
        .toList();
  }

  private static String key(String regionId, String snapshotId) {
    return regionId + "/" + snapshotId;
  }
}
