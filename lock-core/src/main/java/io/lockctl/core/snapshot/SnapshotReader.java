package io.lockctl.core.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Snapshots as stored, each with its lock and tags, read only. Implemented by each store. */
public interface SnapshotReader {

  /**
   * The stored row, even one gone from the recycle bin but not yet reclaimed: callers decide with
   * {@link Snapshot#isGoneAt} (a register must replace such a row, not add a second one).
   */
  Optional<Snapshot> find(String regionId, String snapshotId);

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

  /** How many snapshots of every region hold a lock, by the lock's status at {@code now}. */
  Map<LockStatus, Long> countLocks(Instant now);
}
