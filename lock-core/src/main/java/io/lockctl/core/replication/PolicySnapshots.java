package io.lockctl.core.replication;

import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotCatalog;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.store.WriteTransaction;
import java.util.Map;
import java.util.Optional;

/**
 * CreatePolicySnapshot (SPEC.md section 4): registers the reported snapshot in the catalog through
 * {@link SnapshotCatalog}, so it obeys the catalog's rules, marks it as the policy's (with its
 * expiry) and KEY-locks it when the plan says so, in the same transaction. Either completes or
 * throws having written nothing.
 */
public final class PolicySnapshots {
  private final SnapshotCatalog catalog;

  public PolicySnapshots(SnapshotCatalog catalog) {
    this.catalog = catalog;
  }

  public PolicySnapshot create(
      WriteTransaction tx, ReplicationRepositories repos, CreatePolicySnapshotCommand command) {
    TargetRelationship relationship =
        TargetRelationshipDecisions.idViolations(command.relationshipId()).isPresent()
            ? null
            : repos.targetRelationships().find(command.relationshipId()).orElse(null);
    LockKey currentKey =
        Optional.ofNullable(relationship)
            .flatMap(TargetRelationship::currentKeyId)
            .flatMap(repos.lockKeys()::findById)
            .orElse(null);
    PolicySnapshotPlan plan =
        PolicySnapshotDecisions.plan(relationship, command.relationshipId(), currentKey, tx.now())
            .orElseThrow();
    Snapshot registered =
        catalog.register(
            tx,
            new RegisterSnapshotCommand(
                plan.regionId(),
                command.snapshotId(),
                SnapshotStatus.ACCOMPLISHED,
                0,
                false,
                "",
                Map.of(),
                plan.createTime()));
    Snapshot taken = registered.takenByPolicy(plan.relationshipId(), plan.expireTime());
    Snapshot stored = plan.lock().map(taken::withLock).orElse(taken);
    tx.snapshots().update(stored);
    return new PolicySnapshot(stored, plan.relationshipId(), plan.expireTime());
  }
}
