package io.lockctl.core.snapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot in the catalog.
 *
 * @param retentionDays days the owner keeps it after {@code createTime}; 0 = until deleted
 * @param managedBy the managing product; empty if none
 * @param retainUntil while in the recycle bin, when it is gone (see {@link #isGoneAt});
 *     {@code null} otherwise
 * @param lock its lock, if one was set and not removed (expired locks stay); {@code null} if none
 */
public record Snapshot(
    String regionId,
    String snapshotId,
    SnapshotStatus status,
    int retentionDays,
    boolean shared,
    String managedBy,
    Map<String, String> tags,
    Instant createTime,
    SnapshotState state,
    Instant retainUntil,
    SnapshotLock lock) {

  public Snapshot {
    tags = Map.copyOf(tags);
  }

  public Optional<SnapshotLock> currentLock() {
    return Optional.ofNullable(lock);
  }

  /** The lock, if it protects the snapshot at {@code now}. */
  public Optional<SnapshotLock> activeLockAt(Instant now) {
    return currentLock().filter(l -> l.isActiveAt(now));
  }

  /**
   * Whether the snapshot has ceased to exist at {@code now}: its stay in the recycle bin is over.
   * Every read and decision treats it as absent from that instant on, whether or not storage has
   * reclaimed its row yet, so nothing depends on when the background reclaim runs.
   */
  public boolean isGoneAt(Instant now) {
    return state == SnapshotState.IN_RECYCLE_BIN && !now.isBefore(retainUntil);
  }

  /** The snapshot moved to the recycle bin until {@code until}, every other field kept. */
  public Snapshot inRecycleBinUntil(Instant until) {
    return new Snapshot(regionId, snapshotId, status, retentionDays, shared, managedBy, tags,
        createTime, SnapshotState.IN_RECYCLE_BIN, until, lock);
  }

  /** The snapshot back from the recycle bin: ACTIVE, no {@code retainUntil}, the rest as it was. */
  public Snapshot restored() {
    return new Snapshot(regionId, snapshotId, status, retentionDays, shared, managedBy, tags,
        createTime, SnapshotState.ACTIVE, null, lock);
  }

  /** When the owner releases the snapshot; empty when kept until deleted. */
  public Optional<Instant> retentionEndTime() {
    return retentionDays == 0
        ? Optional.empty()
        : Optional.of(createTime.plus(java.time.Duration.ofDays(retentionDays)));
  }

  public Snapshot withLock(SnapshotLock newLock) {
    return new Snapshot(regionId, snapshotId, status, retentionDays, shared, managedBy, tags,
        createTime, state, retainUntil, newLock);
  }

  public Snapshot withStatus(SnapshotStatus newStatus) {
    return new Snapshot(regionId, snapshotId, newStatus, retentionDays, shared, managedBy, tags,
        createTime, state, retainUntil, lock);
  }

  public Snapshot withRetentionDays(int newRetentionDays) {
    return new Snapshot(regionId, snapshotId, status, newRetentionDays, shared, managedBy, tags,
        createTime, state, retainUntil, lock);
  }

  public Snapshot withShared(boolean newShared) {
    return new Snapshot(regionId, snapshotId, status, retentionDays, newShared, managedBy, tags,
        createTime, state, retainUntil, lock);
  }

  public Snapshot withTags(Map<String, String> newTags) {
    return new Snapshot(regionId, snapshotId, status, retentionDays, shared, managedBy, newTags,
        createTime, state, retainUntil, lock);
  }
}
