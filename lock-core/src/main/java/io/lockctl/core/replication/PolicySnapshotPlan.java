package io.lockctl.core.replication;

import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.SnapshotLock;
import java.time.Instant;
import java.util.Optional;

/**
 * What a policy snapshot reported now becomes: a snapshot of the relationship's region, created
 * now, expiring after the policy's TTL, and KEY-locked until then when a key applies.
 *
 * @param expireTime creation plus the policy's TTL; {@code null} when the policy has none
 * @param lockKeyId the key that locks it; {@code null} when it is not locked
 */
public record PolicySnapshotPlan(
    String relationshipId,
    String regionId,
    Instant createTime,
    Instant expireTime,
    String lockKeyId) {

  /** A fresh KEY lock (version 1) created with the snapshot and ending at its expiry. */
  public Optional<SnapshotLock> lock() {
    if (lockKeyId == null) {
      return Optional.empty();
    }
    return Optional.of(
        new SnapshotLock(
            LockMode.KEY, createTime, 0, new LockTerm.Until(expireTime), createTime, lockKeyId, 1));
  }
}
