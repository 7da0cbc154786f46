package io.lockctl.core.replication;

import io.lockctl.core.error.Decision;
import io.lockctl.core.snapshot.SnapshotLock;
import java.time.Instant;

/**
 * The replication half of UnlockSnapshot for a KEY lock: checking the signature against the lock's
 * key and the challenges still valid, and spending the challenge once the unlock is accepted. The
 * snapshot-lock shell calls {@link #check} in its KEY case and {@link #consume} before it writes.
 */
public final class KeyUnlocks {
  private final UnlockChallenges challenges;

  public KeyUnlocks(UnlockChallenges challenges) {
    this.challenges = challenges;
  }

  /**
   * Whether {@code signature} removes {@code lock} (active, mode KEY) now: the challenge it signs,
   * or PERMISSION_DENIED / INVALID_UNLOCK_SIGNATURE. Reads only.
   */
  public Decision<UnlockChallenge> check(
      ReplicationRepositories repos,
      String regionId,
      String snapshotId,
      SnapshotLock lock,
      String signature,
      Instant now) {
    LockKey key = repos.lockKeys().findById(lock.lockKeyId()).orElse(null);
    return challenges.verify(
        regionId, snapshotId, lock, key, signature, now, repos.usedUnlockChallenges()::contains);
  }

  /** Records the challenge of an accepted unlock as used, until it expires. */
  public void consume(ReplicationRepositories repos, UnlockChallenge challenge) {
    repos.usedUnlockChallenges().insert(challenge.nonce(), challenge.expireTime());
  }
}
