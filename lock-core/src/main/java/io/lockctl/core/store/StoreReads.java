package io.lockctl.core.store;

import io.lockctl.core.accesskey.AccessKeyReads;
import io.lockctl.core.audit.AuditReads;
import io.lockctl.core.lockkey.LockKeyReads;
import io.lockctl.core.replication.ReplicationReads;
import io.lockctl.core.rule.RuleReads;
import io.lockctl.core.snapshotlock.SnapshotLockReads;

/** A store's read transaction: every feature's read view at once. */
public interface StoreReads
    extends SnapshotLockReads,
        RuleReads,
        LockKeyReads,
        ReplicationReads,
        AuditReads,
        AccessKeyReads {}
