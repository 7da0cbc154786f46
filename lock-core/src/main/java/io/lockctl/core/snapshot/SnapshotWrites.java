package io.lockctl.core.snapshot;

import io.lockctl.core.operation.MutationWrites;
import io.lockctl.core.rule.RuleReader;

/**
 * What changing the catalog needs from a transaction: the snapshots, for writing, and the retention
 * rules in force, which decide whether a deleted snapshot goes to the recycle bin.
 */
public interface SnapshotWrites extends SnapshotReads, MutationWrites {

  @Override
  SnapshotRepository snapshots();

  RuleReader rules();
}
