package io.lockctl.core.store.sqlite;

import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.replication.KeyLockedSnapshotRepository;
import io.lockctl.core.replication.LockKeyRepository;
import io.lockctl.core.replication.TargetRelationshipRepository;
import io.lockctl.core.replication.UsedUnlockChallengeRepository;
import io.lockctl.core.rule.RuleRepository;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.store.WriteTransaction;
import java.sql.Connection;
import java.time.Instant;

/**
 * The repositories over one connection at one compliance instant. Reads get it too (as a
 * {@code ReadTransaction}); their connection is read-only, so a write through it fails.
 */
final class SqliteTransaction implements WriteTransaction {
  private final Instant now;
  private final SqliteSnapshotRepository snapshots;
  private final SqliteIdempotencyRepository idempotency;
  private final SqliteRuleRepository rules;
  private final SqliteLockKeyRepository lockKeys;
  private final SqliteTargetRelationshipRepository targetRelationships;
  private final SqliteKeyLockedSnapshotRepository keyLockedSnapshots;
  private final SqliteUsedUnlockChallengeRepository usedUnlockChallenges;

  SqliteTransaction(Connection connection, Instant now) {
    this.now = now;
    this.snapshots = new SqliteSnapshotRepository(connection);
    this.idempotency = new SqliteIdempotencyRepository(connection);
    this.rules = new SqliteRuleRepository(connection);
    this.lockKeys = new SqliteLockKeyRepository(connection);
    this.targetRelationships = new SqliteTargetRelationshipRepository(connection);
    this.keyLockedSnapshots = new SqliteKeyLockedSnapshotRepository(connection);
    this.usedUnlockChallenges = new SqliteUsedUnlockChallengeRepository(connection);
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public SnapshotRepository snapshots() {
    return snapshots;
  }

  @Override
  public IdempotencyRepository idempotency() {
    return idempotency;
  }

  @Override
  public RuleRepository rules() {
    return rules;
  }

  @Override
  public LockKeyRepository lockKeys() {
    return lockKeys;
  }

  @Override
  public TargetRelationshipRepository targetRelationships() {
    return targetRelationships;
  }

  @Override
  public KeyLockedSnapshotRepository keyLockedSnapshots() {
    return keyLockedSnapshots;
  }

  @Override
  public UsedUnlockChallengeRepository usedUnlockChallenges() {
    return usedUnlockChallenges;
  }
}
