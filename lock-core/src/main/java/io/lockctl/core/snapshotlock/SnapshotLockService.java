package io.lockctl.core.snapshotlock;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.lockkey.UnlockChallenge;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.snapshot.DescribeLockedSnapshotsQuery;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotCodecs;
import io.lockctl.core.transaction.Transactions;
import io.lockctl.core.transaction.WriteScope;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The snapshot locks' application service, for every edge. Access may depend on the lock mode: the
 * requested one for LockSnapshot, the current lock's for UnlockSnapshot (condition {@value
 * #LOCK_MODE}).
 */
public final class SnapshotLockService {
  /** Condition key: the lock mode a call concerns. */
  public static final String LOCK_MODE = "lockctl:LockMode";

  static final Action LOCK_SNAPSHOT = new Action("LockSnapshot");
  static final Action UNLOCK_SNAPSHOT = new Action("UnlockSnapshot");
  static final Action GET_SNAPSHOT_UNLOCK_CHALLENGE = new Action("GetSnapshotUnlockChallenge");
  static final Action DESCRIBE_LOCKED_SNAPSHOTS = new Action("DescribeLockedSnapshots");

  private final Transactions<? extends SnapshotLockReads, ? extends SnapshotLockWrites> store;
  private final OperationRunner operations;
  private final SnapshotLocking locking;

  public SnapshotLockService(
      Transactions<? extends SnapshotLockReads, ? extends SnapshotLockWrites> store,
      OperationRunner operations,
      SnapshotLocking locking) {
    this.store = store;
    this.operations = operations;
    this.locking = locking;
  }

  /** Locks or relocks; the result is the snapshot with its new lock. */
  public CompletableFuture<AsOf<Snapshot>> lock(Mutation mutation, LockSnapshotCommand command) {
    return operations.mutate(
        store,
        LOCK_SNAPSHOT,
        mutation,
        SnapshotCodecs.SNAPSHOT,
        scope(command.regionId(), command.snapshotId()),
        (tx, guard) -> {
          guard.authorize(
              Lrn.snapshot(command.regionId(), command.snapshotId()),
              command.mode() instanceof LockMode mode ? Map.of(LOCK_MODE, mode.name()) : Map.of());
          Snapshot locked = locking.lock(tx, command);
          guard.changed(SnapshotCodecs.state(locked));
          return new AsOf<>(locked, tx.now());
        });
  }

  public CompletableFuture<AsOf<UnlockedSnapshot>> unlock(
      Mutation mutation, UnlockSnapshotCommand command) {
    return operations.mutate(
        store,
        UNLOCK_SNAPSHOT,
        mutation,
        UnlockedSnapshotCodec.UNLOCKED,
        scope(command.regionId(), command.snapshotId()),
        (tx, guard) -> {
          String resource = Lrn.snapshot(command.regionId(), command.snapshotId());
          UnlockedSnapshot unlocked =
              locking.unlock(
                  tx,
                  command,
                  lock ->
                      guard.authorize(
                          resource,
                          lock.map(l -> Map.of(LOCK_MODE, l.mode().name())).orElse(Map.of())));
          guard.changed(SnapshotCodecs.state(unlocked.snapshot()));
          return new AsOf<>(unlocked, tx.now());
        });
  }

  public UnlockChallenge unlockChallenge(Caller caller, String regionId, String snapshotId) {
    return operations.read(
        store,
        caller,
        GET_SNAPSHOT_UNLOCK_CHALLENGE,
        (tx, guard) -> {
          guard.authorize(Lrn.snapshot(regionId, snapshotId));
          return locking.challenge(tx, regionId, snapshotId);
        });
  }

  public AsOf<Page<LockedSnapshot>> describeLocked(
      Caller caller, DescribeLockedSnapshotsQuery query) {
    return operations.read(
        store,
        caller,
        DESCRIBE_LOCKED_SNAPSHOTS,
        (tx, guard) -> {
          guard.authorize(Lrn.snapshots(query.regionId()));
          return new AsOf<>(locking.describeLocked(tx, query), tx.now());
        });
  }

  /**
   * A lock or an unlock touches the snapshot's row (and a spent challenge of its own); the lock
   * keys it reads change only in writes without a scope, which run apart from every other.
   */
  private static WriteScope scope(String regionId, String snapshotId) {
    return WriteScope.of(Lrn.snapshot(regionId, snapshotId));
  }
}
