package io.lockctl.core.replication;

import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotCatalog;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.util.Map;
import java.util.Optional;

/**
 * CreatePolicySnapshot: registers the reported snapshot in the catalog through {@link
 * SnapshotCatalog}, so it obeys the catalog's rules, marks it as the policy's (with its expiry) and
 * KEY-locks it when the plan says so, in the same transaction. Either completes or throws having
 * written nothing.
 */
public final class PolicySnapshots {
  private final SnapshotCatalog catalog;

  public PolicySnapshots(SnapshotCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Registers the policy snapshot of {@code relationship} ({@code null} if there is none, which the
   * plan refuses) under {@code snapshotId}, one {@link #snapshotIdFor} gave.
   */
  public PolicySnapshot create(
      ReplicationWrites tx,
      TargetRelationship relationship,
      CreatePolicySnapshotCommand command,
      String snapshotId) {
    LockKey currentKey =
        Optional.ofNullable(relationship)
            .flatMap(TargetRelationship::currentKeyId)
            .flatMap(tx.lockKeys()::findById)
            .orElse(null);
    PolicySnapshotPlan plan =
        PolicySnapshotDecisions.plan(relationship, command.relationshipId(), currentKey, tx.now())
            .orElseThrow();
    Snapshot registered = catalog.register(tx, registration(plan.regionId(), command), snapshotId);
    Snapshot taken = registered.takenByPolicy(plan.relationshipId(), plan.expireTime());
    Snapshot stored = plan.lock().map(taken::withLock).orElse(taken);
    tx.snapshots().update(stored);
    return new PolicySnapshot(stored, plan.relationshipId(), plan.expireTime());
  }

  /** The id the snapshot will have in {@code regionId}: the command's, or a generated one. */
  public String snapshotIdFor(
      ReplicationWrites tx, String regionId, CreatePolicySnapshotCommand command) {
    return catalog.idFor(tx, registration(regionId, command));
  }

  private static RegisterSnapshotCommand registration(
      String regionId, CreatePolicySnapshotCommand command) {
    return new RegisterSnapshotCommand(
        regionId, command.snapshotId(), SnapshotStatus.ACCOMPLISHED, 0, false, "", Map.of(), null);
  }
}
