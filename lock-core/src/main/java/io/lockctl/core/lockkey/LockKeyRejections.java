package io.lockctl.core.lockkey;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.util.Map;

/** Refusals about lock keys, worded (and carrying metadata) alike wherever they arise. */
public final class LockKeyRejections {

  private LockKeyRejections() {}

  public static Rejection keyNotFound(String ref) {
    return Rejection.of(
        Reason.LOCK_KEY_NOT_FOUND, "lock key " + ref + " not found", Map.of("lock_key_ref", ref));
  }

  static Rejection keyDisabled(LockKey key) {
    return Rejection.of(
        Reason.LOCK_KEY_DISABLED,
        "lock key " + key.name() + " is disabled: it unlocks what it locked but locks nothing new",
        Map.of("lock_key_id", key.id()));
  }

  static Rejection keyIsCurrent(String refused, LockKey key, KeyHolder holder) {
    return Rejection.of(
        Reason.LOCK_KEY_IN_USE,
        refused
            + ": lock key "
            + key.name()
            + " is the current key of relationship "
            + holder.relationshipId(),
        Map.of("lock_key_id", key.id(), "relationship_id", holder.relationshipId()));
  }

  static Rejection keyLocksSnapshots(LockKey key, long lockedSnapshots) {
    return Rejection.of(
        Reason.LOCK_KEY_IN_USE,
        "delete: lock key " + key.name() + " still locks " + lockedSnapshots + " snapshot(s)",
        Map.of("lock_key_id", key.id(), "locked_snapshot_count", Long.toString(lockedSnapshots)));
  }
}
