package io.lockctl.core.store.memory;

import io.lockctl.core.lockkey.KeyLockedSnapshot;
import io.lockctl.core.lockkey.KeyLockedSnapshots;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.store.memory.Tables.RegionKey;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** The snapshots a key still locks, read from the in-memory snapshots table. */
final class MemoryKeyLockedSnapshots implements KeyLockedSnapshots {
  private final Tables tables;

  MemoryKeyLockedSnapshots(Tables tables) {
    this.tables = tables;
  }

  @Override
  public long countActive(String keyId, Instant now) {
    return lockedBy(keyId, now, tables.snapshots.values().stream()).count();
  }

  @Override
  public List<KeyLockedSnapshot> listActive(
      String keyId, Instant now, String afterRegionId, String afterSnapshotId, int limit) {
    var rows =
        afterRegionId == null
            ? tables.snapshots.values()
            : tables
                .snapshots
                .tailMap(new RegionKey(afterRegionId, afterSnapshotId), false)
                .values();
    return lockedBy(keyId, now, rows.stream())
        .limit(limit)
        .map(
            snapshot ->
                new KeyLockedSnapshot(
                    snapshot.regionId(),
                    snapshot.snapshotId(),
                    snapshot.lock().expireTime().orElse(null)))
        .toList();
  }

  private static Stream<Snapshot> lockedBy(String keyId, Instant now, Stream<Snapshot> snapshots) {
    return snapshots.filter(
        snapshot -> {
          SnapshotLock lock = snapshot.lock();
          return lock != null
              && lock.mode() == LockMode.KEY
              && keyId.equals(lock.lockKeyId())
              && lock.isActiveAt(now);
        });
  }
}
