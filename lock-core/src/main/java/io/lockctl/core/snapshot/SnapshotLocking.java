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
    throw new UnsupportedOperationException("TODO");
  }

  public UnlockedSnapshot unlock(WriteTransaction tx, UnlockSnapshotCommand command) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Snapshots that have a lock (expired ones included), in ascending id order. */
  public Page<Snapshot> describeLocked(ReadTransaction tx, DescribeLockedSnapshotsQuery query) {
    throw new UnsupportedOperationException("TODO");
  }
}
