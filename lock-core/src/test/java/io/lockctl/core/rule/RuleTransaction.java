package io.lockctl.core.rule;

import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.replication.KeyLockedSnapshotRepository;
import io.lockctl.core.replication.LockKeyRepository;
import io.lockctl.core.replication.TargetRelationshipRepository;
import io.lockctl.core.replication.UsedUnlockChallengeRepository;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.store.WriteTransaction;
import java.time.Instant;

/**
 * A write transaction that holds only rules, at a fixed instant. Rule operations never touch
 * snapshots, replication state or idempotency records (the MutationRunner does that around them),
 * so asking for those is a test bug.
 */
final class RuleTransaction implements WriteTransaction {
  private final InMemoryRuleRepository rules;
  private final Instant now;

  RuleTransaction(InMemoryRuleRepository rules, Instant now) {
    this.rules = rules;
    this.now = now;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public RuleRepository rules() {
    return rules;
  }

  @Override
  public SnapshotRepository snapshots() {
    throw new UnsupportedOperationException("rule operations do not read snapshots");
  }

  @Override
  public IdempotencyRepository idempotency() {
    throw new UnsupportedOperationException("rule operations do not read idempotency records");
  }

  @Override
  public LockKeyRepository lockKeys() {
    throw new UnsupportedOperationException("rule operations do not read lock keys");
  }

  @Override
  public TargetRelationshipRepository targetRelationships() {
    throw new UnsupportedOperationException("rule operations do not read relationships");
  }

  @Override
  public KeyLockedSnapshotRepository keyLockedSnapshots() {
    throw new UnsupportedOperationException("rule operations do not read snapshots");
  }

  @Override
  public UsedUnlockChallengeRepository usedUnlockChallenges() {
    throw new UnsupportedOperationException("rule operations do not read unlock challenges");
  }
}
