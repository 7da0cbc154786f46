package io.lockctl.core.replication;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.store.ReadTransaction;
import io.lockctl.core.store.WriteTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Target relationships' operations (SPEC.md section 4): the shell around the pure relationship
 * decisions. Every method either completes or throws a {@link
 * io.lockctl.core.error.RejectedException} having written nothing.
 */
public final class TargetRelationships {

  public TargetRelationship create(
      WriteTransaction tx, ReplicationRepositories repos, CreateTargetRelationshipCommand command) {
    String id = UUID.randomUUID().toString();
    while (repos.targetRelationships().find(id).isPresent()) {
      id = UUID.randomUUID().toString();
    }
    TargetRelationship created =
        TargetRelationshipDecisions.create(command, id, tx.now()).orElseThrow();
    repos.targetRelationships().insert(created);
    return created;
  }

  public TargetRelationship get(
      ReadTransaction tx, ReplicationRepositories repos, String relationshipId) {
    return TargetRelationshipDecisions.found(find(repos, relationshipId), relationshipId)
        .orElseThrow();
  }

  /**
   * Relationships in ascending id order.
   *
   * @param regionId only this region's; empty for every region
   */
  public Page<TargetRelationship> list(
      ReadTransaction tx,
      ReplicationRepositories repos,
      String regionId,
      int pageSize,
      String pageToken) {
    if (!regionId.isEmpty()) {
      List<FieldViolation> violations = new ArrayList<>();
      ReplicationFieldRules.regionId(regionId, violations);
      Optional<Rejection> malformed = ReplicationFieldRules.rejection(violations);
      if (malformed.isPresent()) {
        throw malformed.get().toException();
      }
    }
    int size = PageRequest.effectiveSize(pageSize);
    String query = "relationships region=" + regionId;
    String afterId = Pages.after(query, pageToken);
    return Pages.of(
        query,
        repos.targetRelationships().list(regionId.isEmpty() ? null : regionId, afterId, size + 1),
        size,
        TargetRelationship::id);
  }

  /** Deletes the relationship; returns it as it was. Its policy snapshots keep their locks. */
  public TargetRelationship delete(
      WriteTransaction tx, ReplicationRepositories repos, String relationshipId) {
    TargetRelationship deleted = get(tx, repos, relationshipId);
    repos.targetRelationships().delete(deleted.id());
    return deleted;
  }

  public TargetRelationship reverse(
      WriteTransaction tx, ReplicationRepositories repos, String relationshipId) {
    TargetRelationship reversed =
        TargetRelationshipDecisions.reverse(find(repos, relationshipId), relationshipId)
            .orElseThrow();
    repos.targetRelationships().update(reversed);
    return reversed;
  }

  public TargetRelationship revert(
      WriteTransaction tx, ReplicationRepositories repos, String relationshipId) {
    TargetRelationship reverted =
        TargetRelationshipDecisions.revert(find(repos, relationshipId), relationshipId)
            .orElseThrow();
    repos.targetRelationships().update(reverted);
    return reverted;
  }

  /** SetTargetRelationshipLock; returns the relationship, whose current key the response shows. */
  public TargetRelationship setLock(
      WriteTransaction tx,
      ReplicationRepositories repos,
      SetTargetRelationshipLockCommand command) {
    TargetRelationship current = find(repos, command.relationshipId());
    LockKey key =
        command.lockKeyRef().isEmpty()
                || LockKeyDecisions.refViolations(command.lockKeyRef()).isPresent()
            ? null
            : LockKeys.resolve(repos, command.lockKeyRef()).orElse(null);
    TargetRelationship updated =
        TargetRelationshipDecisions.setLock(current, command, key).orElseThrow();
    if (!updated.equals(current)) {
      repos.targetRelationships().update(updated);
    }
    return updated;
  }

  /** GetTargetRelationshipLock: the current orientation's key id, empty when it has none. */
  public Optional<String> getLock(
      ReadTransaction tx, ReplicationRepositories repos, String relationshipId) {
    return get(tx, repos, relationshipId).currentKeyId();
  }

  /**
   * The stored relationship, or {@code null}; a malformed id finds nothing (the decision says why).
   */
  private static TargetRelationship find(ReplicationRepositories repos, String relationshipId) {
    return TargetRelationshipDecisions.idViolations(relationshipId).isPresent()
        ? null
        : repos.targetRelationships().find(relationshipId).orElse(null);
  }
}
