package io.lockctl.core.store.jdbc;

import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.replication.KeyLockedSnapshotRepository;
import io.lockctl.core.replication.LockKeyRepository;
import io.lockctl.core.replication.TargetRelationshipRepository;
import io.lockctl.core.replication.UsedUnlockChallengeRepository;
import io.lockctl.core.rule.RuleRepository;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.store.WriteTransaction;
import java.time.Instant;

/**
 * The repositories over one connection at one compliance instant. Reads get it too (as a {@code
 * ReadTransaction}); their connection is read-only, so a write through it fails.
 */
final class JdbcTransaction implements WriteTransaction {
  private final Instant now;
  private final JdbcSnapshotRepository snapshots;
  private final JdbcIdempotencyRepository idempotency;
  private final JdbcRuleRepository rules;
  private final JdbcLockKeyRepository lockKeys;
  private final JdbcTargetRelationshipRepository targetRelationships;
  private final JdbcKeyLockedSnapshotRepository keyLockedSnapshots;
  private final JdbcUsedUnlockChallengeRepository usedUnlockChallenges;

  JdbcTransaction(CachingConnection connection, Instant now) {
    this.now = now;
    this.snapshots = new JdbcSnapshotRepository(connection);
    this.idempotency = new JdbcIdempotencyRepository(connection);
    this.rules = new JdbcRuleRepository(connection);
    this.lockKeys = new JdbcLockKeyRepository(connection);
    this.targetRelationships = new JdbcTargetRelationshipRepository(connection);
    this.keyLockedSnapshots = new JdbcKeyLockedSnapshotRepository(connection);
    this.usedUnlockChallenges = new JdbcUsedUnlockChallengeRepository(connection);
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
