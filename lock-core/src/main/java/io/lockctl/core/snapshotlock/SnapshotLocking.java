package io.lockctl.core.snapshotlock;

import io.lockctl.core.error.Decision;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyDecisions;
import io.lockctl.core.lockkey.UnlockChallenge;
import io.lockctl.core.lockkey.UnlockChallenges;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.snapshot.DescribeLockedSnapshotsQuery;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotListQueries;
import io.lockctl.core.snapshot.SnapshotLock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Snapshot locks' operations within a transaction: the shell around the pure lock decisions. Every
 * method either completes or throws a {@link io.lockctl.core.error.RejectedException} having
 * written nothing.
 */
public final class SnapshotLocking {
  private final UnlockChallenges challenges;
  private final Pages pages;

  public SnapshotLocking(UnlockChallenges challenges, Pages pages) {
    this.challenges = challenges;
    this.pages = pages;
  }

  /** Locks or relocks; returns the snapshot with its new lock. */
  public Snapshot lock(SnapshotLockWrites tx, LockSnapshotCommand command) {
    Snapshot current = tx.snapshots().find(command.regionId(), command.snapshotId()).orElse(null);
    Decision<String> key =
        command.mode() == LockMode.KEY && !command.lockKeyRef().isEmpty()
            ? keyForLocking(tx, command.lockKeyRef())
            : null;
    Snapshot locked = SnapshotLockDecisions.lock(current, command, key, tx.now()).orElseThrow();
    tx.snapshots().update(locked);
    return locked;
  }

  /**
   * Unlocks. {@code beforeDeciding} sees the lock the call would remove (none if the snapshot has
   * no active lock), so the caller's access can depend on its mode. A KEY lock's signature is
   * checked, and its challenge spent in this transaction (so a dry run, rolled back, spends
   * nothing).
   */
  public UnlockedSnapshot unlock(
      SnapshotLockWrites tx,
      UnlockSnapshotCommand command,
      Consumer<Optional<SnapshotLock>> beforeDeciding) {
    Snapshot current = tx.snapshots().find(command.regionId(), command.snapshotId()).orElse(null);
    Optional<SnapshotLock> active =
        Optional.ofNullable(current)
            .filter(snapshot -> !snapshot.isGoneAt(tx.now()))
            .flatMap(snapshot -> snapshot.activeLockAt(tx.now()));
    beforeDeciding.accept(active);
    Decision<UnlockChallenge> signature =
        active
            .filter(lock -> lock.mode() == LockMode.KEY)
            .map(lock -> checkSignature(tx, command, lock))
            .orElse(null);
    UnlockedSnapshot unlocked =
        SnapshotLockDecisions.unlock(current, command, signature, tx.now()).orElseThrow();
    if (signature != null) {
      UnlockChallenge spent = signature.orElseThrow();
      tx.usedUnlockChallenges().insert(spent.nonce(), spent.expireTime());
    }
    tx.snapshots().update(unlocked.snapshot());
    return unlocked;
  }

  /** GetSnapshotUnlockChallenge: derived from the current KEY lock, so it writes nothing. */
  public UnlockChallenge challenge(SnapshotLockReads tx, String regionId, String snapshotId) {
    return challenges
        .issue(
            tx.snapshots().find(regionId, snapshotId).orElse(null), regionId, snapshotId, tx.now())
        .orElseThrow();
  }

  /**
   * Snapshots that have a lock (expired ones included), in ascending id order, each described by
   * its id and lock.
   */
  public Page<LockedSnapshot> describeLocked(
      SnapshotLockReads tx, DescribeLockedSnapshotsQuery query) {
    SnapshotListQueries.PlannedQuery planned =
        SnapshotListQueries.describeLocked(query, tx.now(), pages).orElseThrow();
    return planned.page(tx.snapshots().listLocks(planned.query()), LockedSnapshot::snapshotId);
  }

  /**
   * The id of the key {@code lockKeyRef} names, if that key may lock something new (it exists and
   * is enabled); otherwise LOCK_KEY_NOT_FOUND or LOCK_KEY_DISABLED. A reference that could name no
   * key (malformed) names none.
   */
  private static Decision<String> keyForLocking(SnapshotLockWrites tx, String lockKeyRef) {
    return LockKeyDecisions.forLocking(
            LockKeyDecisions.refViolations(lockKeyRef).isPresent()
                ? null
                : tx.lockKeys().resolve(lockKeyRef).orElse(null),
            lockKeyRef)
        .map(LockKey::id);
  }

  /** Whether the command's signature signs a current, unused challenge for the KEY lock. */
  private Decision<UnlockChallenge> checkSignature(
      SnapshotLockWrites tx, UnlockSnapshotCommand command, SnapshotLock lock) {
    return challenges.verify(
        command.regionId(),
        command.snapshotId(),
        lock,
        tx.lockKeys().findById(lock.lockKeyId()).orElse(null),
        command.signature(),
        tx.now(),
        tx.usedUnlockChallenges()::contains);
  }
}
