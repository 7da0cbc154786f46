package io.lockctl.core.replication;

import io.lockctl.core.transaction.ReadView;

/** What reading target relationships needs from a transaction. */
public interface ReplicationReads extends ReadView {

  TargetRelationshipReader targetRelationships();
}
