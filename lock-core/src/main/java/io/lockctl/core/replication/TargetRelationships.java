package io.lockctl.core.replication;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.Identifiers;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyDecisions;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.paging.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Target relationships' operations within a transaction: the shell around the pure relationship
 * decisions. The operations on one relationship take it as {@link #find} loaded it ({@code null} if
 * there is none), so the caller can decide access by its region first. Every method either
 * completes or throws a {@link io.lockctl.core.error.RejectedException} having written nothing.
 */
public final class TargetRelationships {
  private final RandomIds ids;
  private final Pages pages;

  public TargetRelationships(RandomIds ids, Pages pages) {
    this.ids = ids;
    this.pages = pages;
  }

  /** An id no relationship has, for the one a create would add. */
  public String unusedId(ReplicationReads tx) {
    String id = ids.relationshipId();
    while (tx.targetRelationships().find(id).isPresent()) {
      id = ids.relationshipId();
    }
    return id;
  }

  public TargetRelationship create(
      ReplicationWrites tx, CreateTargetRelationshipCommand command, String id) {
    TargetRelationship created =
        TargetRelationshipDecisions.create(command, id, tx.now()).orElseThrow();
    tx.targetRelationships().insert(created);
    return created;
  }

  /** The stored relationship, if any; a malformed id finds none (the operations say why). */
  public Optional<TargetRelationship> find(ReplicationReads tx, String relationshipId) {
    return TargetRelationshipDecisions.idViolations(relationshipId).isPresent()
        ? Optional.empty()
        : tx.targetRelationships().find(relationshipId);
  }

  public TargetRelationship get(TargetRelationship current, String relationshipId) {
    return TargetRelationshipDecisions.found(current, relationshipId).orElseThrow();
  }

  /**
   * Relationships in ascending id order.
   *
   * @param regionId only this region's; empty for every region
   */
  public Page<TargetRelationship> list(
      ReplicationReads tx, String regionId, int pageSize, String pageToken) {
    if (!regionId.isEmpty()) {
      List<FieldViolation> violations = new ArrayList<>();
      Identifiers.regionId(regionId, violations);
      Rejection.throwIfInvalid(violations);
    }
    int size = PageRequest.effectiveSize(pageSize);
    String query = "relationships region=" + regionId;
    String afterId = pages.after(query, pageToken);
    return pages.of(
        query,
        tx.targetRelationships().list(regionId.isEmpty() ? null : regionId, afterId, size + 1),
        size,
        TargetRelationship::id);
  }

  /** Deletes the relationship; returns it as it was. Its policy snapshots keep their locks. */
  public TargetRelationship delete(
      ReplicationWrites tx, TargetRelationship current, String relationshipId) {
    TargetRelationship deleted = get(current, relationshipId);
    tx.targetRelationships().delete(deleted.id());
    return deleted;
  }

  public TargetRelationship reverse(
      ReplicationWrites tx, TargetRelationship current, String relationshipId) {
    TargetRelationship reversed =
        TargetRelationshipDecisions.reverse(current, relationshipId).orElseThrow();
    tx.targetRelationships().update(reversed);
    return reversed;
  }

  public TargetRelationship revert(
      ReplicationWrites tx, TargetRelationship current, String relationshipId) {
    TargetRelationship reverted =
        TargetRelationshipDecisions.revert(current, relationshipId).orElseThrow();
    tx.targetRelationships().update(reverted);
    return reverted;
  }

  /** SetTargetRelationshipLock; returns the relationship, whose current key the response shows. */
  public TargetRelationship setLock(
      ReplicationWrites tx, TargetRelationship current, SetTargetRelationshipLockCommand command) {
    LockKey key =
        command.lockKeyRef().isEmpty()
                || LockKeyDecisions.refViolations(command.lockKeyRef()).isPresent()
            ? null
            : tx.lockKeys().resolve(command.lockKeyRef()).orElse(null);
    TargetRelationship updated =
        TargetRelationshipDecisions.setLock(current, command, key).orElseThrow();
    if (!updated.equals(current)) {
      tx.targetRelationships().update(updated);
    }
    return updated;
  }
}
