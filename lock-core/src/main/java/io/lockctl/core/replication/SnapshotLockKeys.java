package io.lockctl.core.replication;

import io.lockctl.core.error.Decision;
import io.lockctl.core.snapshot.SnapshotKeys;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.store.ReadTransaction;

/**
 * The lock keys and unlock challenges behind the snapshot locks' KEY mode: a LockSnapshot's key
 * must exist and be enabled ({@link LockKeyDecisions#forLocking}); an UnlockSnapshot's signature
 * must sign a current, unused challenge ({@link KeyUnlocks}). The transaction serves as the
 * replication repositories.
 */
public final class SnapshotLockKeys implements SnapshotKeys {
  private final KeyUnlocks unlocks;

  public SnapshotLockKeys(UnlockChallenges challenges) {
    this.unlocks = new KeyUnlocks(challenges);
  }

  @Override
  public Decision<String> keyForLocking(ReadTransaction tx, String lockKeyRef) {
    // A reference that could name no key (malformed) names none: LOCK_KEY_NOT_FOUND.
    LockKey key =
        LockKeyDecisions.refViolations(lockKeyRef).isPresent()
            ? null
            : LockKeys.resolve(tx, lockKeyRef).orElse(null);
    Decision<LockKey> usable = LockKeyDecisions.forLocking(key, lockKeyRef);
    if (usable instanceof Decision.Rejected<LockKey> rejected) {
      return Decision.reject(rejected.rejection());
    }
    return Decision.accept(key.id());
  }

  @Override
  public Decision<SignedUnlock> checkUnlock(
      ReadTransaction tx, String regionId, String snapshotId, SnapshotLock lock, String signature) {
    Decision<UnlockChallenge> signed =
        unlocks.check(tx, regionId, snapshotId, lock, signature, tx.now());
    if (signed instanceof Decision.Rejected<UnlockChallenge> rejected) {
      return Decision.reject(rejected.rejection());
    }
    UnlockChallenge challenge = ((Decision.Accepted<UnlockChallenge>) signed).value();
    return Decision.accept(writeTx -> unlocks.consume(writeTx, challenge));
  }
}
