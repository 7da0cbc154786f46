package io.lockctl.core.snapshot;

import io.lockctl.core.error.Decision;
import io.lockctl.core.store.ReadTransaction;
import io.lockctl.core.store.WriteTransaction;

/**
 * Lock keys as the snapshot locks need them (SPEC.md section 4): the key a KEY LockSnapshot names,
 * and whether a signature removes a KEY lock. The replication package owns keys and unlock
 * challenges and implements this, so that this package does not depend on it.
 */
public interface SnapshotKeys {

  /**
   * The id of the key {@code lockKeyRef} names, if that key may lock something new (it exists and
   * is enabled); otherwise LOCK_KEY_NOT_FOUND or LOCK_KEY_DISABLED. Reads only.
   */
  Decision<String> keyForLocking(ReadTransaction tx, String lockKeyRef);

  /**
   * Whether {@code signature} removes {@code lock} (the snapshot's active KEY lock) now: the
   * accepted signature, to {@linkplain SignedUnlock#spend spend} in the transaction that removes
   * the lock, or INVALID_UNLOCK_SIGNATURE. Reads only.
   */
  Decision<SignedUnlock> checkUnlock(
      ReadTransaction tx, String regionId, String snapshotId, SnapshotLock lock, String signature);

  /** A signature accepted for one unlock. */
  interface SignedUnlock {

    /** Records the signed challenge as used, so that it removes no lock again. */
    void spend(WriteTransaction tx);
  }
}
