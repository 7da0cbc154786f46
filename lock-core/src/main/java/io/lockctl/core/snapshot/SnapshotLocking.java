package io.lockctl.core.snapshot;

import io.lockctl.core.error.Decision;
import io.lockctl.core.paging.Page;
import io.lockctl.core.store.ReadTransaction;
import io.lockctl.core.store.WriteTransaction;

/**
 * Snapshot locks' operations (SPEC.md section 2): the shell around the pure lock decisions. Every
 * method either completes or throws a {@link io.lockctl.core.error.RejectedException} having
 * written nothing.
 */
public final class SnapshotLocking {
  private final SnapshotKeys keys;

  public SnapshotLocking(SnapshotKeys keys) {
    this.keys = keys;
  }

  /** Locks or relocks; returns the snapshot with its new lock. */
  public Snapshot lock(WriteTransaction tx, LockSnapshotCommand command) {
    Snapshot current = tx.snapshots().find(command.regionId(), command.snapshotId()).orElse(null);
    Decision<String> key =
        command.mode() == LockMode.KEY && !command.lockKeyRef().isEmpty()
            ? keys.keyForLocking(tx, command.lockKeyRef())
            : null;
    Snapshot locked = SnapshotLockDecisions.lock(current, command, key, tx.now()).orElseThrow();
    tx.snapshots().update(locked);
    return locked;
  }

  /**
   * Unlocks; a KEY lock's signature is checked, and its challenge spent in this transaction (so a
   * dry run, rolled back, spends nothing).
   */
  public UnlockedSnapshot unlock(WriteTransaction tx, UnlockSnapshotCommand command) {
    Snapshot current = tx.snapshots().find(command.regionId(), command.snapshotId()).orElse(null);
    Decision<SnapshotKeys.SignedUnlock> signature =
        current == null
            ? null
            : current
                .activeLockAt(tx.now())
                .filter(lock -> lock.mode() == LockMode.KEY)
                .map(
                    lock ->
                        keys.checkUnlock(
                            tx,
                            command.regionId(),
                            command.snapshotId(),
                            lock,
                            command.signature()))
                .orElse(null);
    UnlockedSnapshot unlocked =
        SnapshotLockDecisions.unlock(current, command, signature, tx.now()).orElseThrow();
    if (signature != null) {
      signature.orElseThrow().spend(tx);
    }
    tx.snapshots().update(unlocked.snapshot());
    return unlocked;
  }

  /**
   * Snapshots that have a lock (expired ones included), in ascending id order, each described by
   * its id and lock.
   */
  public Page<LockedSnapshot> describeLocked(
      ReadTransaction tx, DescribeLockedSnapshotsQuery query) {
    SnapshotListQueries.PlannedQuery planned =
        SnapshotListQueries.describeLocked(query, tx.now()).orElseThrow();
    return planned.page(tx.snapshots().listLocks(planned.query()), LockedSnapshot::snapshotId);
  }
}
