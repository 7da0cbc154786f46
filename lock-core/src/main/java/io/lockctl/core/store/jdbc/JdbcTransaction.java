package io.lockctl.core.store.jdbc;

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

/**
 * The repositories over one connection at one compliance instant. Reads get it too, as {@link
 * io.lockctl.core.store.StoreReads}; their connection is read-only, so a write through it fails.
 * Repositories are made on first use: a call touches two or three of the tables.
 */
final class JdbcTransaction implements StoreWrites {
  /** Where the connection comes from when first needed: a read on the model may need none. */
  @FunctionalInterface
  interface ConnectionSource {
    CachingConnection connection();
  }

  private final ConnectionSource source;
  private CachingConnection connection;
  private final Instant now;
  private SnapshotRepository snapshots;
  private IdempotencyRepository idempotency;
  private RuleRepository rules;
  private LockKeyRepository lockKeys;
  private TargetRelationshipRepository targetRelationships;
  private KeyLockedSnapshots keyLockedSnapshots;
  private UsedUnlockChallengeRepository usedUnlockChallenges;
  private AuditLogRepository auditLog;

  JdbcTransaction(CachingConnection connection, Instant now) {
    this.source = () -> connection;
    this.connection = connection;
    this.now = now;
  }

  /**
   * A transaction whose snapshots are {@code snapshots} and whose other repositories use the
   * connection {@code source} gives when one is first needed.
   */
  JdbcTransaction(ConnectionSource source, Instant now, SnapshotRepository snapshots) {
    this.source = source;
    this.now = now;
    this.snapshots = snapshots;
  }

  private CachingConnection connection() {
    if (connection == null) {
      connection = source.connection();
    }
    return connection;
  }

  /** The snapshots in SQL on this transaction's connection, whatever {@link #snapshots} is. */
  JdbcSnapshotRepository sqlSnapshots() {
    return new JdbcSnapshotRepository(connection());
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public SnapshotRepository snapshots() {
    if (snapshots == null) {
      snapshots = new JdbcSnapshotRepository(connection());
    }
    return snapshots;
  }

  @Override
  public IdempotencyRepository idempotency() {
    if (idempotency == null) {
      idempotency = new JdbcIdempotencyRepository(connection());
    }
    return idempotency;
  }

  @Override
  public RuleRepository rules() {
    if (rules == null) {
      rules = new JdbcRuleRepository(connection());
    }
    return rules;
  }

  @Override
  public RuleTagRepository ruleTags() {
    return new JdbcRuleTagRepository(connection());
  }

  @Override
  public LockKeyRepository lockKeys() {
    if (lockKeys == null) {
      lockKeys = new JdbcLockKeyRepository(connection());
    }
    return lockKeys;
  }

  @Override
  public TargetRelationshipRepository targetRelationships() {
    if (targetRelationships == null) {
      targetRelationships = new JdbcTargetRelationshipRepository(connection());
    }
    return targetRelationships;
  }

  @Override
  public KeyHolders keyHolders() {
    return new RelationshipKeyHolders(targetRelationships());
  }

  @Override
  public KeyLockedSnapshots keyLockedSnapshots() {
    if (keyLockedSnapshots == null) {
      keyLockedSnapshots = new JdbcKeyLockedSnapshotRepository(connection());
    }
    return keyLockedSnapshots;
  }

  @Override
  public UsedUnlockChallengeRepository usedUnlockChallenges() {
    if (usedUnlockChallenges == null) {
      usedUnlockChallenges = new JdbcUsedUnlockChallengeRepository(connection());
    }
    return usedUnlockChallenges;
  }

  @Override
  public AuditLogRepository auditLog() {
    if (auditLog == null) {
      auditLog = new JdbcAuditLogRepository(connection());
    }
    return auditLog;
  }

  @Override
  public AccessKeyRepository accessKeys() {
    return new JdbcAccessKeyRepository(connection());
  }

  @Override
  public SecretRepository secrets() {
    return new JdbcSecretRepository(connection());
  }
}
