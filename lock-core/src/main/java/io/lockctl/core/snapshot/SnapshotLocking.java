package io.lockctl.core.snapshot;

import io.lockctl.core.paging.Page;
import io.lockctl.core.store.ReadTransaction;
import io.lockctl.core.store.WriteTransaction;

/**
 * Snapshot locks' operations (SPEC.md section 2): the shell around the pure lock decisions.
 * Every method either completes or throws a {@link io.lockctl.core.error.RejectedException}
 * having written nothing.
 */
public final class SnapshotLocking {

  /** Locks or relocks; returns the snapshot with its new lock. */
  public Snapshot lock(WriteTransaction tx, LockSnapshotCommand command) {
    Snapshot current = tx.snapshots().find(command.regionId(), command.snapshotId()).orElse(null);
    Snapshot locked = SnapshotLockDecisions.lock(current, command, tx.now()).orElseThrow();
    tx.snapshots().update(locked);
    return locked;
  }

  public UnlockedSnapshot unlock(WriteTransaction tx, UnlockSnapshotCommand command) {
    Snapshot current = tx.snapshots().find(command.regionId(), command.snapshotId()).orElse(null);
    UnlockedSnapshot unlocked =
        SnapshotLockDecisions.unlock(current, command, tx.now()).orElseThrow();
    tx.snapshots().update(unlocked.snapshot());
    return unlocked;
  }

  /** Snapshots that have a lock (expired ones included), in ascending id order. */
  public Page<Snapshot> describeLocked(ReadTransaction tx, DescribeLockedSnapshotsQuery query) {
    SnapshotListQueries.PlannedQuery planned =
        SnapshotListQueries.describeLocked(query, tx.now()).orElseThrow();
    return planned.page(tx.snapshots().list(planned.query()));
  }
}
