package io.lockctl.core.replication;

/**
 * What the replication shells need from a transaction besides the snapshots, its time and its
 * idempotency records: passed beside the {@link io.lockctl.core.store.ReadTransaction} until the
 * store's transactions offer these accessors themselves (then a transaction is passed as both).
 */
public interface ReplicationRepositories {

  LockKeyRepository lockKeys();

  TargetRelationshipRepository targetRelationships();

  KeyLockedSnapshotRepository keyLockedSnapshots();

  UsedUnlockChallengeRepository usedUnlockChallenges();
}
