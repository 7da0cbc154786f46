package io.lockctl.core.store;

import io.lockctl.core.accesskey.AccessKeyRepository;
import io.lockctl.core.accesskey.AccessKeyWrites;
import io.lockctl.core.audit.AuditLogRepository;
import io.lockctl.core.lockkey.KeyHolders;
import io.lockctl.core.lockkey.LockKeyRepository;
import io.lockctl.core.lockkey.LockKeyWrites;
import io.lockctl.core.replication.ReplicationWrites;
import io.lockctl.core.replication.TargetRelationshipRepository;
import io.lockctl.core.rule.RuleRepository;
import io.lockctl.core.rule.RuleTagRepository;
import io.lockctl.core.rule.RuleWrites;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.snapshotlock.SnapshotLockWrites;

/**
 * A store's write transaction: every feature's write view at once, where each repository is the
 * writable one, plus what only the store and the server's start-up use.
 */
public interface StoreWrites
    extends StoreReads,
        SnapshotLockWrites,
        RuleWrites,
        LockKeyWrites,
        ReplicationWrites,
        AccessKeyWrites {

  @Override
  SnapshotRepository snapshots();

  @Override
  RuleRepository rules();

  @Override
  RuleTagRepository ruleTags();

  @Override
  LockKeyRepository lockKeys();

  @Override
  KeyHolders keyHolders();

  @Override
  TargetRelationshipRepository targetRelationships();

  @Override
  AuditLogRepository auditLog();

  @Override
  AccessKeyRepository accessKeys();

  /** Secrets made once and kept with the data, such as the unlock challenges' key. */
  SecretRepository secrets();
}
