package io.lockctl.core.store.memory;

import io.lockctl.core.accesskey.AccessKeyRepository;
import io.lockctl.core.audit.AuditLogRepository;
import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.lockkey.KeyHolders;
import io.lockctl.core.lockkey.KeyLockedSnapshots;
import io.lockctl.core.lockkey.LockKeyRepository;
import io.lockctl.core.lockkey.UsedUnlockChallengeRepository;
import io.lockctl.core.replication.RelationshipKeyHolders;
import io.lockctl.core.replication.TargetRelationshipRepository;
import io.lockctl.core.rule.RuleRepository;
import io.lockctl.core.rule.RuleTagRepository;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.store.SecretRepository;
import io.lockctl.core.store.StoreWrites;
import java.time.Instant;

/** The in-memory tables at one compliance instant; a read's cannot write. */
final class MemoryTransaction implements StoreWrites {
  private final Tables tables;
  private final Writes writes;
  private final Instant now;

  MemoryTransaction(Tables tables, Writes writes, Instant now) {
    this.tables = tables;
    this.writes = writes;
    this.now = now;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public SnapshotRepository snapshots() {
    return new MemorySnapshots(tables, writes);
  }

  @Override
  public IdempotencyRepository idempotency() {
    return new MemoryIdempotency(tables, writes);
  }

  @Override
  public RuleRepository rules() {
    return new MemoryRules(tables, writes);
  }

  @Override
  public RuleTagRepository ruleTags() {
    return new MemoryRuleTags(tables, writes);
  }

  @Override
  public LockKeyRepository lockKeys() {
    return new MemoryLockKeys(tables, writes);
  }

  @Override
  public TargetRelationshipRepository targetRelationships() {
    return new MemoryRelationships(tables, writes);
  }

  @Override
  public KeyHolders keyHolders() {
    return new RelationshipKeyHolders(targetRelationships());
  }

  @Override
  public KeyLockedSnapshots keyLockedSnapshots() {
    return new MemoryKeyLockedSnapshots(tables);
  }

  @Override
  public UsedUnlockChallengeRepository usedUnlockChallenges() {
    return new MemoryUsedChallenges(tables, writes);
  }

  @Override
  public AuditLogRepository auditLog() {
    return new MemoryAuditLog(tables, writes);
  }

  @Override
  public AccessKeyRepository accessKeys() {
    return new MemoryAccessKeys(tables, writes);
  }

  @Override
  public SecretRepository secrets() {
    return new MemorySecrets(tables, writes);
  }
}
