package io.lockctl.core.snapshot;

import java.time.Instant;
import java.util.Set;

/**
 * Filters for listing one region's snapshots, in ascending id order. Time-dependent filters ({@code
 * lock}, {@code lockStatus}) are evaluated at {@code now}.
 *
 * @param state only this state; {@code null} for any
 * @param lock which snapshots by their lock
 * @param lockStatus only locks with this status at {@code now}; {@code null} for any
 * @param snapshotIds only these ids; empty for any
 * @param tagKey only snapshots with this tag key; {@code null} for any
 * @param tagValue with {@code tagKey}: only this value; {@code null} for any
 * @param afterSnapshotId only ids strictly after this one; {@code null} to start at the first
 * @param limit at most this many results
 */
public record SnapshotQuery(
    String regionId,
    SnapshotState state,
    LockFilter lock,
    LockStatus lockStatus,
    Set<String> snapshotIds,
    String tagKey,
    String tagValue,
    String afterSnapshotId,
    int limit,
    Instant now) {

  public SnapshotQuery {
    snapshotIds = Set.copyOf(snapshotIds);
  }

  /** Which snapshots to keep by their lock. */
  public enum LockFilter {
    ANY,
    /** A lock is set (expired locks included). */
    HAS_LOCK,
    /** A lock is set and active at {@code now}. */
    ACTIVE_LOCK
  }
}
