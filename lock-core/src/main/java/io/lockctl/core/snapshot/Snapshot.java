package io.lockctl.core.snapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot in the catalog.
 *
 * @param retentionDays days the owner keeps it after {@code createTime}; 0 = until deleted
 * @param managedBy the managing product; empty if none
 * @param retainUntil while in the recycle bin, when it is gone (see {@link #isGoneAt}); {@code
 *     null} otherwise
 * @param lock its lock, if one was set and not removed (expired locks stay); {@code null} if none
 * @param createdByPolicy the target relationship whose snapshot policy took it; empty if none
 * @param expireTime when a policy snapshot expires (its creation plus the policy's TTL); {@code
 *     null} if it never does. Like the retention, it tells when the owner (the replication engine)
 *     lets it go; lockctl does not delete it then
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
    SnapshotLock lock,
    String createdByPolicy,
    Instant expireTime) {

  public Snapshot {
    tags = Map.copyOf(tags);
  }

  /** A snapshot no replication policy took. */
  public Snapshot(
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
    this(
        regionId,
        snapshotId,
        status,
        retentionDays,
        shared,
        managedBy,
        tags,
        createTime,
        state,
        retainUntil,
        lock,
        "",
        null);
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
    return new Snapshot(
        regionId,
        snapshotId,
        status,
        retentionDays,
        shared,
        managedBy,
        tags,
        createTime,
        SnapshotState.IN_RECYCLE_BIN,
        until,
        lock,
        createdByPolicy,
        expireTime);
  }

  /** The snapshot back from the recycle bin: ACTIVE, no {@code retainUntil}, the rest as it was. */
  public Snapshot restored() {
    return new Snapshot(
        regionId,
        snapshotId,
        status,
        retentionDays,
        shared,
        managedBy,
        tags,
        createTime,
        SnapshotState.ACTIVE,
        null,
        lock,
        createdByPolicy,
        expireTime);
  }

  /** When the owner releases the snapshot; empty when kept until deleted. */
  public Optional<Instant> retentionEndTime() {
    return retentionDays == 0
        ? Optional.empty()
        : Optional.of(createTime.plus(java.time.Duration.ofDays(retentionDays)));
  }

  public Snapshot withLock(SnapshotLock newLock) {
    return new Snapshot(
        regionId,
        snapshotId,
        status,
        retentionDays,
        shared,
        managedBy,
        tags,
        createTime,
        state,
        retainUntil,
        newLock,
        createdByPolicy,
        expireTime);
  }

  /** The same snapshot as taken by the policy of relationship {@code relationshipId}. */
  public Snapshot takenByPolicy(String relationshipId, Instant policyExpireTime) {
    return new Snapshot(
        regionId,
        snapshotId,
        status,
        retentionDays,
        shared,
        managedBy,
        tags,
        createTime,
        state,
        retainUntil,
        lock,
        relationshipId,
        policyExpireTime);
  }

  public Snapshot withStatus(SnapshotStatus newStatus) {
    return new Snapshot(
        regionId,
        snapshotId,
        newStatus,
        retentionDays,
        shared,
        managedBy,
        tags,
        createTime,
        state,
        retainUntil,
        lock,
        createdByPolicy,
        expireTime);
  }

  public Snapshot withRetentionDays(int newRetentionDays) {
    return new Snapshot(
        regionId,
        snapshotId,
        status,
        newRetentionDays,
        shared,
        managedBy,
        tags,
        createTime,
        state,
        retainUntil,
        lock,
        createdByPolicy,
        expireTime);
  }

  public Snapshot withShared(boolean newShared) {
    return new Snapshot(
        regionId,
        snapshotId,
        status,
        retentionDays,
        newShared,
        managedBy,
        tags,
        createTime,
        state,
        retainUntil,
        lock,
        createdByPolicy,
        expireTime);
  }

  public Snapshot withTags(Map<String, String> newTags) {
    return new Snapshot(
        regionId,
        snapshotId,
        status,
        retentionDays,
        shared,
        managedBy,
        newTags,
        createTime,
        state,
        retainUntil,
        lock,
        createdByPolicy,
        expireTime);
  }
}
