package io.lockctl.core.replication;

import io.lockctl.core.lockkey.LockKeyReader;
import io.lockctl.core.snapshot.SnapshotWrites;

/**
 * What changing relationships needs: the relationships, for writing; the lock keys they name; and
 * the catalog, where policy snapshots are registered.
 */
public interface ReplicationWrites extends ReplicationReads, SnapshotWrites {

  @Override
  TargetRelationshipRepository targetRelationships();

  LockKeyReader lockKeys();
}
