package io.lockctl.core.replication;

import io.lockctl.core.error.Decision;
import io.lockctl.core.lockkey.LockKey;
import java.time.Instant;

/**
 * Which policy snapshots are locked: only those of a policy with an expiration, and only when the
 * current orientation has a key that may lock (an enabled one). The key is read when the snapshot
 * is reported, so a key set or cleared later changes nothing for it.
 */
final class PolicySnapshotDecisions {

  private PolicySnapshotDecisions() {}

  /**
   * @param relationship the stored relationship; {@code null} if none
   * @param currentKey the relationship's current key; {@code null} if it has none
   */
  static Decision<PolicySnapshotPlan> plan(
      TargetRelationship relationship, String relationshipId, LockKey currentKey, Instant now) {
    return TargetRelationshipDecisions.found(relationship, relationshipId)
        .map(found -> plan(found, currentKey, now));
  }

  private static PolicySnapshotPlan plan(
      TargetRelationship relationship, LockKey currentKey, Instant now) {
    if (!relationship.hasExpiration()) {
      return new PolicySnapshotPlan(relationship.id(), relationship.regionId(), now, null, null);
    }
    Instant expireTime = now.plus(relationship.expirationTtl());
    boolean locks =
        currentKey != null
            && !currentKey.disabled()
            && relationship.currentKeyId().filter(currentKey.id()::equals).isPresent();
    return new PolicySnapshotPlan(
        relationship.id(),
        relationship.regionId(),
        now,
        expireTime,
        locks ? currentKey.id() : null);
  }
}
