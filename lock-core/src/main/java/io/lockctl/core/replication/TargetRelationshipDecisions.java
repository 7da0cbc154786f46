package io.lockctl.core.replication;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.Identifiers;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyDecisions;
import io.lockctl.core.lockkey.LockKeyFieldRules;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The target-relationship rules of lockctl.v1.ReplicationService (after Qumulo's) as pure
 * functions. Each orientation has its own key: reverse starts the reversed one without a key and
 * keeps the original one dormant; revert restores the dormant key (which is gone if it was disabled
 * or deleted meanwhile, see {@link LockKeyDecisions}) and forgets the reversed one's.
 */
final class TargetRelationshipDecisions {

  private TargetRelationshipDecisions() {}

  static Decision<TargetRelationship> create(
      CreateTargetRelationshipCommand command, String id, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(command.regionId(), violations);
    ReplicationFieldRules.cluster(command.sourceCluster(), violations);
    ReplicationFieldRules.path("source_path", command.sourcePath(), violations);
    ReplicationFieldRules.path("target_path", command.targetPath(), violations);
    ReplicationFieldRules.expirationTtl(command.expirationTtl(), violations);
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    Duration ttl = command.expirationTtl().truncatedTo(ChronoUnit.MILLIS);
    return Decision.accept(
        new TargetRelationship(
            id,
            command.regionId(),
            command.sourceCluster(),
            command.sourcePath(),
            command.targetPath(),
            ttl,
            Orientation.ORIGINAL,
            null,
            null,
            now));
  }

  /** INVALID_PARAMETER unless {@code relationshipId} is a lower-case UUID. */
  static Optional<Rejection> idViolations(String relationshipId) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.relationshipId(relationshipId, violations);
    return Rejection.invalidParameters(violations);
  }

  /**
   * @param relationship the stored relationship; {@code null} if none
   */
  static Decision<TargetRelationship> found(
      TargetRelationship relationship, String relationshipId) {
    Optional<Rejection> malformed = idViolations(relationshipId);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (relationship == null) {
      return Decision.reject(ReplicationRejections.relationshipNotFound(relationshipId));
    }
    return Decision.accept(relationship);
  }

  /** ORIGINAL -> REVERSED: the reversed orientation has no key; the original one's is dormant. */
  static Decision<TargetRelationship> reverse(
      TargetRelationship relationship, String relationshipId) {
    return found(relationship, relationshipId)
        .then(
            found ->
                found.orientation() == Orientation.ORIGINAL
                    ? Decision.accept(
                        found.withOrientation(Orientation.REVERSED, found.originalKeyId(), null))
                    : Decision.reject(ReplicationRejections.invalidState("reverse", found)));
  }

  /** REVERSED -> ORIGINAL: the dormant key, if it is still there, is current again. */
  static Decision<TargetRelationship> revert(
      TargetRelationship relationship, String relationshipId) {
    return found(relationship, relationshipId)
        .then(
            found ->
                found.orientation() == Orientation.REVERSED
                    ? Decision.accept(
                        found.withOrientation(Orientation.ORIGINAL, found.originalKeyId(), null))
                    : Decision.reject(ReplicationRejections.invalidState("revert", found)));
  }

  /**
   * Sets or clears the current orientation's key; the other orientation's is left alone.
   *
   * @param relationship the stored relationship; {@code null} if none
   * @param key the key the command's reference names; {@code null} if none (or when clearing)
   */
  static Decision<TargetRelationship> setLock(
      TargetRelationship relationship, SetTargetRelationshipLockCommand command, LockKey key) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.relationshipId(command.relationshipId(), violations);
    boolean setting = !command.lockKeyRef().isEmpty();
    if (setting == command.clearLockKey()) {
      violations.add(
          new FieldViolation(
              "lock_key_ref", "give exactly one of lock_key_ref and clear_lock_key = true"));
    } else if (setting) {
      LockKeyFieldRules.keyRef(command.lockKeyRef(), violations);
    }
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (relationship == null) {
      return Decision.reject(ReplicationRejections.relationshipNotFound(command.relationshipId()));
    }
    if (!setting) {
      return Decision.accept(relationship.withCurrentKey(null));
    }
    return LockKeyDecisions.forLocking(key, command.lockKeyRef())
        .map(usable -> relationship.withCurrentKey(usable.id()));
  }
}
