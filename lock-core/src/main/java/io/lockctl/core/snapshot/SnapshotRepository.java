package io.lockctl.core.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Snapshots as stored, each with its lock and tags. Implemented by each store backend. */
public interface SnapshotRepository {

  /**
   * The stored row, even one gone from the recycle bin but not yet reclaimed: callers decide with
   * {@link Snapshot#isGoneAt} (a register must replace such a row, not add a second one).
   */
  Optional<Snapshot> find(String regionId, String snapshotId);

  /** Adds a snapshot whose (region, id) is not taken (the caller checked with {@link #find}). */
  void insert(Snapshot snapshot);

  /** Replaces the stored snapshot with the same (region, id), lock and tags included. */
  void update(Snapshot snapshot);

  void delete(String regionId, String snapshotId);

  /**
   * One page of a region's snapshots in ascending id order, after {@code query.afterSnapshotId}.
   * Never returns a snapshot gone at {@code query.now} ({@link Snapshot#isGoneAt}).
   */
  List<Snapshot> list(SnapshotQuery query);

  /**
   * The same page as {@link #list}, for a query whose {@link SnapshotQuery#lock} excludes unlocked
   * snapshots, but only each snapshot's id and lock: a listing of locks reads nothing else.
   */
  List<LockedSnapshot> listLocks(SnapshotQuery query);

  /**
   * Reclaims storage: deletes every snapshot (of any region) gone at {@code now}, with its tags.
   * Invisible to readers, who already treat those snapshots as absent.
   *
   * @return how many were deleted
   */
  int deleteGoneFromRecycleBin(Instant now);
}
