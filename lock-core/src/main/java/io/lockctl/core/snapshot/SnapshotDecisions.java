package io.lockctl.core.snapshot;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.Identifiers;
import io.lockctl.core.rule.RecycleBinRetention;
import io.lockctl.core.rule.RetentionMatcher;
import io.lockctl.core.rule.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog and recycle-bin rules as pure functions of (snapshot, command, now): what may be
 * registered, updated, deleted and restored, given that an active lock must never be weakened and a
 * stay in the recycle bin never shortened. A snapshot whose stay in the recycle bin is over ({@link
 * Snapshot#isGoneAt}) is treated as absent by every decision.
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
   * @param existing the snapshot already stored under that id; {@code null} if none. One gone from
   *     the recycle bin counts as none: the new snapshot takes its place.
   */
  static Decision<Snapshot> register(
      Snapshot existing, RegisterSnapshotCommand command, String snapshotId, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(command.regionId(), violations);
    Identifiers.snapshotId("snapshot_id", snapshotId, violations);
    if (command.status() == null) {
      violations.add(new FieldViolation("status", "must be PROGRESSING, ACCOMPLISHED or FAILED"));
    }
    SnapshotFieldRules.retentionDays("retention_days", command.retentionDays(), violations);
    SnapshotFieldRules.managedBy(command.managedBy(), violations);
    SnapshotFieldRules.tags("tags", command.tags(), violations);
    Instant createTime =
        command.createTime() == null ? now : command.createTime().truncatedTo(ChronoUnit.MILLIS);
    if (createTime.isAfter(now)) {
      violations.add(new FieldViolation("create_time", "must not be in the future"));
    }
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (existing != null && !existing.isGoneAt(now)) {
      return Decision.reject(
          Rejection.of(
              Reason.SNAPSHOT_ALREADY_EXISTS,
              "snapshot " + snapshotId + " already exists in region " + command.regionId()));
    }
    return Decision.accept(
        new Snapshot(
            command.regionId(),
            snapshotId,
            command.status(),
            command.retentionDays(),
            command.shared(),
            command.managedBy(),
            command.tags(),
            createTime,
            SnapshotState.ACTIVE,
            null,
            null));
  }

  /**
   * Applies the fields the mask names, in the order status, retention, shared, tags, each checked
   * against the snapshot as the previous ones left it.
   *
   * <p>A snapshot in the recycle bin refuses every update: changing its tags, say, must not change
   * what it is restored as, and nothing may shorten or end a stay the rules decided.
   *
   * @param snapshot the stored snapshot; {@code null} if there is none (one gone from the recycle
   *     bin counts as none)
   */
  static Decision<Snapshot> update(Snapshot snapshot, UpdateSnapshotCommand command, Instant now) {
    Optional<Rejection> malformed = updateViolations(command);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (snapshot == null || snapshot.isGoneAt(now)) {
      return Decision.reject(SnapshotRejections.notFound(command.regionId(), command.snapshotId()));
    }
    if (snapshot.state() == SnapshotState.IN_RECYCLE_BIN) {
      return Decision.reject(SnapshotRejections.inRecycleBin("update", snapshot));
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
    if (paths.contains(RETENTION_DAYS)
        && active.isPresent()
        && command.retentionDays() != 0
        && updated
            .createTime()
            .plus(Duration.ofDays(command.retentionDays()))
            .isBefore(active.get().earliestExpireTime(now))) {
      return Decision.reject(
          SnapshotRejections.locked("retention_days ending before the lock", active.get(), now));
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
   * DeleteSnapshot. Refusals come first, in this order: malformed ids, an unknown (or gone)
   * snapshot, one already in the recycle bin (a second delete would shorten or end the stay the
   * rules decided), an active lock. Only a snapshot that may be deleted is matched against the
   * rules: if any SNAPSHOT rule of its region matches, whatever the rule's lock state, it moves to
   * the recycle bin until now plus the longest matching retention; otherwise it is deleted for
   * good.
   *
   * @param snapshot the stored snapshot; {@code null} if there is none
   * @param regionRules the rules of the snapshot's region in force now (other types are ignored)
   */
  static Decision<Deletion> delete(
      Snapshot snapshot,
      String regionId,
      String snapshotId,
      Collection<RetentionRule> regionRules,
      Instant now) {
    Optional<Rejection> malformed = identifierViolations(regionId, snapshotId);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (snapshot == null || snapshot.isGoneAt(now)) {
      return Decision.reject(SnapshotRejections.notFound(regionId, snapshotId));
    }
    if (snapshot.state() == SnapshotState.IN_RECYCLE_BIN) {
      return Decision.reject(SnapshotRejections.inRecycleBin("delete", snapshot));
    }
    Optional<SnapshotLock> active = snapshot.activeLockAt(now);
    if (active.isPresent()) {
      return Decision.reject(SnapshotRejections.locked("delete", active.get(), now));
    }
    Optional<RecycleBinRetention> retention =
        RetentionMatcher.match(snapshot.tags(), regionRules, now);
    if (retention.isEmpty()) {
      return Decision.accept(
          new Deletion.ForGood(new DeletedSnapshot(snapshotId, List.of(), null)));
    }
    Instant retainUntil = retention.get().retainUntil();
    return Decision.accept(
        new Deletion.ToRecycleBin(
            snapshot.inRecycleBinUntil(retainUntil),
            new DeletedSnapshot(snapshotId, retention.get().ruleIds(), retainUntil)));
  }

  /**
   * RestoreSnapshot: a snapshot in the recycle bin comes back ACTIVE with every other field (its
   * tags, an expired lock) as it was deleted. Once its {@code retainUntil} has come it is gone.
   *
   * @param snapshot the stored snapshot; {@code null} if there is none
   */
  static Decision<Snapshot> restore(
      Snapshot snapshot, String regionId, String snapshotId, Instant now) {
    Optional<Rejection> malformed = identifierViolations(regionId, snapshotId);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (snapshot == null || snapshot.isGoneAt(now)) {
      return Decision.reject(SnapshotRejections.notFound(regionId, snapshotId));
    }
    if (snapshot.state() != SnapshotState.IN_RECYCLE_BIN) {
      return Decision.reject(
          Rejection.of(
              Reason.SNAPSHOT_NOT_IN_RECYCLE_BIN,
              "snapshot " + snapshotId + " is not in the recycle bin"));
    }
    return Decision.accept(snapshot.restored());
  }

  /** What an accepted DeleteSnapshot writes, with the response it returns. */
  sealed interface Deletion {
    DeletedSnapshot response();

    /** No rule matched: the row goes. */
    record ForGood(DeletedSnapshot response) implements Deletion {}

    /** Rules matched: the row stays as {@code binned}, in the recycle bin. */
    record ToRecycleBin(Snapshot binned, DeletedSnapshot response) implements Deletion {}
  }

  /** INVALID_PARAMETER for a malformed region or snapshot id, as every per-snapshot call checks. */
  static Optional<Rejection> identifierViolations(String regionId, String snapshotId) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(regionId, violations);
    Identifiers.snapshotId("snapshot_id", snapshotId, violations);
    return Rejection.invalidParameters(violations);
  }

  private static Optional<Rejection> updateViolations(UpdateSnapshotCommand command) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(command.regionId(), violations);
    Identifiers.snapshotId("snapshot_id", command.snapshotId(), violations);
    if (command.updatePaths().isEmpty()) {
      violations.add(new FieldViolation("update_mask", "must name at least one field"));
    }
    command.updatePaths().stream()
        .filter(path -> !UPDATABLE.contains(path))
        .distinct()
        .forEach(
            path ->
                violations.add(
                    new FieldViolation(
                        "update_mask",
                        "\"" + path + "\" is not one of status, retention_days, shared, tags")));
    if (command.updatePaths().contains(STATUS) && command.status() == null) {
      violations.add(
          new FieldViolation("snapshot.status", "must be PROGRESSING, ACCOMPLISHED or FAILED"));
    }
    if (command.updatePaths().contains(RETENTION_DAYS)) {
      SnapshotFieldRules.retentionDays(
          "snapshot.retention_days", command.retentionDays(), violations);
    }
    if (command.updatePaths().contains(TAGS)) {
      SnapshotFieldRules.tags("snapshot.tags", command.tags(), violations);
    }
    return Rejection.invalidParameters(violations);
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
      return Decision.reject(
          Rejection.of(
              Reason.INVALID_SNAPSHOT_STATUS_TRANSITION,
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
    return Decision.accept(
        lock == null || lock.durationStartTime() != null
            ? accomplished
            : accomplished.withLock(lock.startedAt(now)));
  }
}
