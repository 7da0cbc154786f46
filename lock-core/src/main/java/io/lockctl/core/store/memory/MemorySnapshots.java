package io.lockctl.core.store.memory;

import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.store.memory.Tables.RegionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The snapshots table in memory. Its listings apply the query's filters through the domain's own
 * rules ({@link Snapshot#isGoneAt}, {@link SnapshotLock#statusAt}), the meaning the SQL stores must
 * agree with.
 */
final class MemorySnapshots implements SnapshotRepository {
  private final Tables tables;
  private final Writes writes;

  MemorySnapshots(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public Optional<Snapshot> find(String regionId, String snapshotId) {
    return Optional.ofNullable(tables.snapshots.get(new RegionKey(regionId, snapshotId)));
  }

  @Override
  public Map<LockStatus, Long> countLocks(Instant now) {
    Map<LockStatus, Long> counts = new EnumMap<>(LockStatus.class);
    for (Snapshot snapshot : tables.snapshots.values()) {
      if (snapshot.lock() != null) {
        counts.merge(snapshot.lock().statusAt(now), 1L, Long::sum);
      }
    }
    return counts;
  }

  @Override
  public List<Snapshot> list(SnapshotQuery query) {
    List<Snapshot> page = new ArrayList<>();
    for (Snapshot snapshot : region(query).values()) {
      if (page.size() == query.limit()) {
        break;
      }
      if (matches(snapshot, query)) {
        page.add(snapshot);
      }
    }
    return page;
  }

  @Override
  public List<LockedSnapshot> listLocks(SnapshotQuery query) {
    if (query.lock() == SnapshotQuery.LockFilter.ANY) {
      throw new IllegalArgumentException("a listing of locks must leave out unlocked snapshots");
    }
    return list(query).stream()
        .map(snapshot -> new LockedSnapshot(snapshot.snapshotId(), snapshot.lock()))
        .toList();
  }

  @Override
  public void insert(Snapshot snapshot) {
    if (tables.snapshots.containsKey(key(snapshot))) {
      throw Tables.keyTaken("snapshot " + snapshot.snapshotId());
    }
    writes.log().put(tables.snapshots, key(snapshot), snapshot);
  }

  @Override
  public void update(Snapshot snapshot) {
    if (!tables.snapshots.containsKey(key(snapshot))) {
      throw new IllegalStateException("no snapshot " + snapshot.snapshotId() + " to update");
    }
    writes.log().put(tables.snapshots, key(snapshot), snapshot);
  }

  @Override
  public void delete(String regionId, String snapshotId) {
    writes.log().remove(tables.snapshots, new RegionKey(regionId, snapshotId));
  }

  @Override
  public int deleteGoneFromRecycleBin(Instant now) {
    List<RegionKey> gone =
        tables.snapshots.entrySet().stream()
            .filter(entry -> entry.getValue().isGoneAt(now))
            .map(Map.Entry::getKey)
            .toList();
    gone.forEach(key -> writes.log().remove(tables.snapshots, key));
    return gone.size();
  }

  private SortedMap<RegionKey, Snapshot> region(SnapshotQuery query) {
    String after = query.afterSnapshotId() == null ? "" : query.afterSnapshotId();
    // The smallest key after (region, after), and the first key of the next region: "\0" sorts
    // before every other character, so (region + "\0", "") follows every id of the region.
    return tables.snapshots.subMap(
        new RegionKey(query.regionId(), after), false,
        new RegionKey(query.regionId() + "\0", ""), false);
  }

  private static boolean matches(Snapshot snapshot, SnapshotQuery query) {
    Instant now = query.now();
    SnapshotLock lock = snapshot.lock();
    boolean byLock =
        switch (query.lock()) {
          case ANY -> true;
          case HAS_LOCK -> lock != null;
          case ACTIVE_LOCK -> lock != null && lock.isActiveAt(now);
        };
    return !snapshot.isGoneAt(now)
        && (query.state() == null || snapshot.state() == query.state())
        && byLock
        && (query.lockStatus() == null
            || (lock != null && lock.statusAt(now) == query.lockStatus()))
        && (query.snapshotIds().isEmpty() || query.snapshotIds().contains(snapshot.snapshotId()))
        && (query.tagKey() == null || hasTag(snapshot, query.tagKey(), query.tagValue()));
  }

  private static boolean hasTag(Snapshot snapshot, String key, String value) {
    String carried = snapshot.tags().get(key);
    return carried != null && (value == null || value.equals(carried));
  }

  private static RegionKey key(Snapshot snapshot) {
    return new RegionKey(snapshot.regionId(), snapshot.snapshotId());
  }
}
