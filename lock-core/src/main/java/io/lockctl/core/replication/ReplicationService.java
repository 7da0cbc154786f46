package io.lockctl.core.replication;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Guard;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.snapshot.SnapshotCodecs;
import io.lockctl.core.transaction.Transactions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The replication relationships' application service, for every edge. Calls name a relationship by
 * id alone, so it is loaded first and authorised under its region; an id that names none is
 * authorised under an empty region.
 */
public final class ReplicationService {
  static final Action CREATE_TARGET_RELATIONSHIP = new Action("CreateTargetRelationship");
  static final Action GET_TARGET_RELATIONSHIP = new Action("GetTargetRelationship");
  static final Action LIST_TARGET_RELATIONSHIPS = new Action("ListTargetRelationships");
  static final Action DELETE_TARGET_RELATIONSHIP = new Action("DeleteTargetRelationship");
  static final Action REVERSE_TARGET_RELATIONSHIP = new Action("ReverseTargetRelationship");
  static final Action REVERT_TARGET_RELATIONSHIP = new Action("RevertTargetRelationship");
  static final Action SET_TARGET_RELATIONSHIP_LOCK = new Action("SetTargetRelationshipLock");
  static final Action GET_TARGET_RELATIONSHIP_LOCK = new Action("GetTargetRelationshipLock");
  static final Action CREATE_POLICY_SNAPSHOT = new Action("CreatePolicySnapshot");

  private final Transactions<? extends ReplicationReads, ? extends ReplicationWrites> store;
  private final OperationRunner operations;
  private final TargetRelationships relationships;
  private final PolicySnapshots policySnapshots;

  public ReplicationService(
      Transactions<? extends ReplicationReads, ? extends ReplicationWrites> store,
      OperationRunner operations,
      TargetRelationships relationships,
      PolicySnapshots policySnapshots) {
    this.store = store;
    this.operations = operations;
    this.relationships = relationships;
    this.policySnapshots = policySnapshots;
  }

  /** A change of one relationship, given as the relationship loaded (or {@code null}). */
  @FunctionalInterface
  private interface Change {
    TargetRelationship apply(ReplicationWrites tx, TargetRelationship current);
  }

  public CompletableFuture<TargetRelationship> create(
      Mutation mutation, CreateTargetRelationshipCommand command) {
    return operations.mutate(
        store,
        CREATE_TARGET_RELATIONSHIP,
        mutation,
        ReplicationCodecs.RELATIONSHIP,
        (tx, guard) -> {
          String id = relationships.unusedId(tx);
          guard.authorize(Lrn.targetRelationship(command.regionId(), id));
          TargetRelationship created = relationships.create(tx, command, id);
          guard.changed(ReplicationCodecs.state(created));
          return created;
        });
  }

  public TargetRelationship get(Caller caller, String relationshipId) {
    return operations.read(
        store,
        caller,
        GET_TARGET_RELATIONSHIP,
        (tx, guard) -> relationships.get(authorized(tx, guard, relationshipId), relationshipId));
  }

  /** The current orientation's key id, empty when it has none. */
  public Optional<String> getLock(Caller caller, String relationshipId) {
    return operations.read(
        store,
        caller,
        GET_TARGET_RELATIONSHIP_LOCK,
        (tx, guard) ->
            relationships
                .get(authorized(tx, guard, relationshipId), relationshipId)
                .currentKeyId());
  }

  /**
   * @param regionId only this region's; empty for every region
   */
  public Page<TargetRelationship> list(
      Caller caller, String regionId, int pageSize, String pageToken) {
    return operations.read(
        store,
        caller,
        LIST_TARGET_RELATIONSHIPS,
        (tx, guard) -> {
          guard.authorize(Lrn.targetRelationships(regionId));
          return relationships.list(tx, regionId, pageSize, pageToken);
        });
  }

  public CompletableFuture<TargetRelationship> delete(Mutation mutation, String relationshipId) {
    return change(
        DELETE_TARGET_RELATIONSHIP,
        mutation,
        relationshipId,
        (tx, current) -> relationships.delete(tx, current, relationshipId),
        true);
  }

  public CompletableFuture<TargetRelationship> reverse(Mutation mutation, String relationshipId) {
    return change(
        REVERSE_TARGET_RELATIONSHIP,
        mutation,
        relationshipId,
        (tx, current) -> relationships.reverse(tx, current, relationshipId),
        false);
  }

  public CompletableFuture<TargetRelationship> revert(Mutation mutation, String relationshipId) {
    return change(
        REVERT_TARGET_RELATIONSHIP,
        mutation,
        relationshipId,
        (tx, current) -> relationships.revert(tx, current, relationshipId),
        false);
  }

  public CompletableFuture<TargetRelationship> setLock(
      Mutation mutation, SetTargetRelationshipLockCommand command) {
    return change(
        SET_TARGET_RELATIONSHIP_LOCK,
        mutation,
        command.relationshipId(),
        (tx, current) -> relationships.setLock(tx, current, command),
        false);
  }

  /**
   * Registers the snapshot the relationship's policy took; authorised under the snapshot it
   * creates, in the relationship's region.
   */
  public CompletableFuture<AsOf<PolicySnapshot>> createPolicySnapshot(
      Mutation mutation, CreatePolicySnapshotCommand command) {
    return operations.mutate(
        store,
        CREATE_POLICY_SNAPSHOT,
        mutation,
        ReplicationCodecs.POLICY_SNAPSHOT,
        (tx, guard) -> {
          TargetRelationship relationship =
              relationships.find(tx, command.relationshipId()).orElse(null);
          String regionId = relationship == null ? "" : relationship.regionId();
          String snapshotId = policySnapshots.snapshotIdFor(tx, regionId, command);
          guard.authorize(Lrn.snapshot(regionId, snapshotId));
          PolicySnapshot created = policySnapshots.create(tx, relationship, command, snapshotId);
          guard.changed(SnapshotCodecs.state(created.snapshot()));
          return new AsOf<>(created, tx.now());
        });
  }

  /**
   * @param deletes whether the change deletes the relationship (the audit log then shows it gone)
   */
  private CompletableFuture<TargetRelationship> change(
      Action action, Mutation mutation, String relationshipId, Change change, boolean deletes) {
    return operations.mutate(
        store,
        action,
        mutation,
        ReplicationCodecs.RELATIONSHIP,
        (tx, guard) -> {
          TargetRelationship changed = change.apply(tx, authorized(tx, guard, relationshipId));
          guard.changed(ReplicationCodecs.state(deletes ? null : changed));
          return changed;
        });
  }

  /** Loads the relationship and authorises the call under its name; {@code null} if none. */
  private TargetRelationship authorized(ReplicationReads tx, Guard guard, String relationshipId) {
    TargetRelationship current = relationships.find(tx, relationshipId).orElse(null);
    guard.authorize(
        Lrn.targetRelationship(current == null ? "" : current.regionId(), relationshipId));
    return current;
  }
}
