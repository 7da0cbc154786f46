package io.lockctl.core.replication;

/**
 * What the replication shells need from a transaction besides the snapshots, its time and its
 * idempotency records. Every {@link io.lockctl.core.store.ReadTransaction} offers these, so the
 * shells are called with the transaction as both arguments; the separate parameter lets tests pair
 * a transaction with repositories of their own.
 */
public interface ReplicationRepositories {

  LockKeyRepository lockKeys();

  TargetRelationshipRepository targetRelationships();

  KeyLockedSnapshotRepository keyLockedSnapshots();

  UsedUnlockChallengeRepository usedUnlockChallenges();
}
