package io.lockctl.core.replication;

import io.lockctl.core.store.ReadTransaction;

/**
 * GetSnapshotUnlockChallenge (SnapshotLockService): a read, since challenges are derived, not
 * stored (see {@link UnlockChallenges}).
 */
public final class SnapshotUnlockChallenges {
  private final UnlockChallenges challenges;

  public SnapshotUnlockChallenges(UnlockChallenges challenges) {
    this.challenges = challenges;
  }

  public UnlockChallenge get(ReadTransaction tx, String regionId, String snapshotId) {
    return challenges
        .issue(
            tx.snapshots().find(regionId, snapshotId).orElse(null), regionId, snapshotId, tx.now())
        .orElseThrow();
  }
}
