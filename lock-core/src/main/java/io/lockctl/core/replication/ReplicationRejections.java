package io.lockctl.core.replication;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.util.Map;

/** Refusals shared by the replication decisions, so each is worded (and carries metadata) alike. */
final class ReplicationRejections {

  private ReplicationRejections() {}

  static Rejection keyNotFound(String ref) {
    return Rejection.of(
        Reason.LOCK_KEY_NOT_FOUND, "lock key " + ref + " not found", Map.of("lock_key_ref", ref));
  }

  static Rejection keyDisabled(LockKey key) {
    return Rejection.of(
        Reason.LOCK_KEY_DISABLED,
        "lock key " + key.name() + " is disabled: it unlocks what it locked but locks nothing new",
        Map.of("lock_key_id", key.id()));
  }

  static Rejection keyIsCurrent(String refused, LockKey key, TargetRelationship user) {
    return Rejection.of(
        Reason.LOCK_KEY_IN_USE,
        refused + ": lock key " + key.name() + " is the current key of relationship " + user.id(),
        Map.of("lock_key_id", key.id(), "relationship_id", user.id()));
  }

  static Rejection keyLocksSnapshots(LockKey key, long lockedSnapshots) {
    return Rejection.of(
        Reason.LOCK_KEY_IN_USE,
        "delete: lock key " + key.name() + " still locks " + lockedSnapshots + " snapshot(s)",
        Map.of("lock_key_id", key.id(), "locked_snapshot_count", Long.toString(lockedSnapshots)));
  }

  static Rejection relationshipNotFound(String id) {
    return Rejection.of(
        Reason.RELATIONSHIP_NOT_FOUND,
        "target relationship " + id + " not found",
        Map.of("relationship_id", id));
  }

  static Rejection invalidState(String refused, TargetRelationship relationship) {
    return Rejection.of(
        Reason.INVALID_RELATIONSHIP_STATE,
        refused + ": relationship " + relationship.id() + " is " + relationship.orientation(),
        Map.of("orientation", relationship.orientation().name()));
  }
}
