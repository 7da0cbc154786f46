package io.lockctl.core.snapshot;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog rules of SPEC.md section 1 as pure functions of (snapshot, command, now): what may
 * be registered, updated and deleted, given that an active lock must never be weakened.
 */
final class SnapshotDecisions {
  static final String STATUS = "status";
  static final String RETENTION_DAYS = "retention_days";
  static final String SHARED = "shared";
  static final String TAGS = "tags";
  private static final Set<String> UPDATABLE = Set.of(STATUS, RETENTION_DAYS, SHARED, TAGS);

  private SnapshotDecisions() {}

  /**
   * Registers a snapshot under {@code snapshotId} (the command's, or one the shell generated).
   *
   * @param existing the snapshot already stored under that id; {@code null} if none
   */
  static Decision<Snapshot> register(
      Snapshot existing, RegisterSnapshotCommand command, String snapshotId, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    SnapshotFieldRules.regionId(command.regionId(), violations);
    SnapshotFieldRules.snapshotId("snapshot_id", snapshotId, violations);
    if (command.status() == null) {
      violations.add(new FieldViolation("status", "must be PROGRESSING, ACCOMPLISHED or FAILED"));
    }
    SnapshotFieldRules.retentionDays("retention_days", command.retentionDays(), violations);
    SnapshotFieldRules.managedBy(command.managedBy(), violations);
    SnapshotFieldRules.tags("tags", command.tags(), violations);
    Instant createTime = command.createTime() == null
        ? now
        : command.createTime().truncatedTo(ChronoUnit.MILLIS);
    if (createTime.isAfter(now)) {
      violations.add(new FieldViolation("create_time", "must not be in the future"));
    }
    Optional<Rejection> malformed = SnapshotFieldRules.rejection(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (existing != null) {
      return Decision.reject(Rejection.of(Reason.SNAPSHOT_ALREADY_EXISTS,
          "snapshot " + snapshotId + " already exists in region " + command.regionId()));
    }
    return Decision.accept(new Snapshot(command.regionId(), snapshotId, command.status(),
        command.retentionDays(), command.shared(), command.managedBy(), command.tags(), createTime,
        SnapshotState.ACTIVE, null, null));
  }

  /**
   * Applies the fields the mask names, in the order status, retention, shared, tags, each checked
   * against the snapshot as the previous ones left it.
   *
   * @param snapshot the stored snapshot; {@code null} if there is none
   */
  static Decision<Snapshot> update(Snapshot snapshot, UpdateSnapshotCommand command, Instant now) {
    Optional<Rejection> malformed = updateViolations(command);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (snapshot == null) {
      return Decision.reject(SnapshotRejections.notFound(command.regionId(), command.snapshotId()));
    }
    Set<String> paths = Set.copyOf(command.updatePaths());
    Snapshot updated = snapshot;
    if (paths.contains(STATUS)) {
      Decision<Snapshot> moved = changeStatus(updated, command.status(), now);
      if (moved instanceof Decision.Rejected<Snapshot>) {
        return moved;
      }
      updated = ((Decision.Accepted<Snapshot>) moved).value();
    }
    Optional<SnapshotLock> active = updated.activeLockAt(now);
    if (paths.contains(RETENTION_DAYS) && active.isPresent() && command.retentionDays() != 0
        && updated.createTime().plus(Duration.ofDays(command.retentionDays()))
            .isBefore(active.get().earliestExpireTime(now))) {
      return Decision.reject(SnapshotRejections.locked(
          "retention_days ending before the lock", active.get(), now));
    }
    if (paths.contains(SHARED) && command.shared() && active.isPresent()) {
      return Decision.reject(SnapshotRejections.locked("sharing", active.get(), now));
    }
    if (paths.contains(RETENTION_DAYS)) {
      updated = updated.withRetentionDays(command.retentionDays());
    }
    if (paths.contains(SHARED)) {
      updated = updated.withShared(command.shared());
    }
    if (paths.contains(TAGS)) {
      updated = updated.withTags(command.tags());
    }
    return Decision.accept(updated);
  }

  /**
   * Deletes for good (the recycle bin of SPEC.md section 3 is not built yet).
   *
   * @param snapshot the stored snapshot; {@code null} if there is none
   */
  static Decision<DeletedSnapshot> delete(
      Snapshot snapshot, String regionId, String snapshotId, Instant now) {
    Optional<Rejection> malformed = identifierViolations(regionId, snapshotId);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (snapshot == null) {
      return Decision.reject(SnapshotRejections.notFound(regionId, snapshotId));
    }
    Optional<SnapshotLock> active = snapshot.activeLockAt(now);
    if (active.isPresent()) {
      return Decision.reject(SnapshotRejections.locked("delete", active.get(), now));
    }
    return Decision.accept(new DeletedSnapshot(snapshotId, List.of(), null));
  }

  /** INVALID_PARAMETER for a malformed region or snapshot id, as every per-snapshot call checks. */
  static Optional<Rejection> identifierViolations(String regionId, String snapshotId) {
    List<FieldViolation> violations = new ArrayList<>();
    SnapshotFieldRules.regionId(regionId, violations);
    SnapshotFieldRules.snapshotId("snapshot_id", snapshotId, violations);
    return SnapshotFieldRules.rejection(violations);
  }

  private static Optional<Rejection> updateViolations(UpdateSnapshotCommand command) {
    List<FieldViolation> violations = new ArrayList<>();
    SnapshotFieldRules.regionId(command.regionId(), violations);
    SnapshotFieldRules.snapshotId("snapshot_id", command.snapshotId(), violations);
    if (command.updatePaths().isEmpty()) {
      violations.add(new FieldViolation("update_mask", "must name at least one field"));
    }
    command.updatePaths().stream().filter(path -> !UPDATABLE.contains(path)).distinct().forEach(
        path -> violations.add(new FieldViolation("update_mask",
            "\"" + path + "\" is not one of status, retention_days, shared, tags")));
    if (command.updatePaths().contains(STATUS) && command.status() == null) {
      violations.add(new FieldViolation("snapshot.status",
          "must be PROGRESSING, ACCOMPLISHED or FAILED"));
    }
    if (command.updatePaths().contains(RETENTION_DAYS)) {
      SnapshotFieldRules.retentionDays("snapshot.retention_days", command.retentionDays(), violations);
    }
    if (command.updatePaths().contains(TAGS)) {
      SnapshotFieldRules.tags("snapshot.tags", command.tags(), violations);
    }
    return SnapshotFieldRules.rejection(violations);
  }

  /**
   * Only PROGRESSING may move on, to ACCOMPLISHED (starting a pending lock's duration now) or to
   * FAILED (not under an active lock: a failed snapshot could never start its lock's duration).
   */
  private static Decision<Snapshot> changeStatus(
      Snapshot snapshot, SnapshotStatus target, Instant now) {
    SnapshotStatus from = snapshot.status();
    if (from == target) {
      return Decision.accept(snapshot);
    }
    if (from != SnapshotStatus.PROGRESSING) {
      return Decision.reject(Rejection.of(Reason.INVALID_SNAPSHOT_STATUS_TRANSITION,
          "status cannot change from " + from + " to " + target));
    }
    if (target == SnapshotStatus.FAILED) {
      Optional<SnapshotLock> active = snapshot.activeLockAt(now);
      if (active.isPresent()) {
        return Decision.reject(SnapshotRejections.locked("status FAILED", active.get(), now));
      }
      return Decision.accept(snapshot.withStatus(target));
    }
    SnapshotLock lock = snapshot.lock();
    Snapshot accomplished = snapshot.withStatus(target);
    return Decision.accept(lock == null || lock.durationStartTime() != null
        ? accomplished
        : accomplished.withLock(lock.startedAt(now)));
  }
}
