package io.lockctl.core.snapshotlock;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.Identifiers;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotRejections;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The snapshot-lock rules as pure functions of (snapshot, command, now). Refusals come in the order
 * LockSnapshot documents: request fields, the snapshot's existence, its lockability, the relock
 * rules of the current status, the term against the cool-off and the retention, and last the lock
 * key. What the lock keys say (whether a key may lock, whether a signature unlocks) comes in as a
 * verdict the shell obtained from the lock keys.
 */
public final class SnapshotLockDecisions {

  private SnapshotLockDecisions() {}

  /**
   * Locks or relocks.
   *
   * @param snapshot the stored snapshot; {@code null} if there is none (one gone from the recycle
   *     bin counts as none)
   * @param key for mode KEY, the verdict on the key the command names: its id when it may lock;
   *     ignored (and may be {@code null}) for the other modes
   * @return the snapshot with its new lock
   */
  public static Decision<Snapshot> lock(
      Snapshot snapshot, LockSnapshotCommand command, Decision<String> key, Instant now) {
    return LockCommandRules.validate(command, now)
        .then(request -> lock(snapshot, request, key, now));
  }

  private static Decision<Snapshot> lock(
      Snapshot snapshot, LockRequest request, Decision<String> key, Instant now) {
    if (request.mode() == LockMode.KEY) {
      Objects.requireNonNull(key, "a KEY lock needs the verdict on its key");
    }
    if (snapshot == null || snapshot.isGoneAt(now)) {
      return Decision.reject(SnapshotRejections.notFound(request.regionId(), request.snapshotId()));
    }
    Optional<Rejection> notLockable = notLockable(snapshot);
    if (notLockable.isPresent()) {
      return Decision.reject(notLockable.get());
    }
    return nextLock(snapshot, request, key, now)
        .then(lock -> Decision.unless(termRejection(snapshot, lock, now), lock))
        .then(
            lock ->
                request.mode() == LockMode.KEY && key instanceof Decision.Rejected<String> unusable
                    ? Decision.reject(unusable.rejection())
                    : Decision.accept(snapshot.withLock(lock)));
  }

  /**
   * Removes a lock, which COMPLIANCE_COOLOFF and GOVERNANCE allow, and KEY with a valid signature.
   *
   * @param snapshot the stored snapshot; {@code null} if there is none (one gone from the recycle
   *     bin counts as none)
   * @param signature when the snapshot has an active KEY lock, the verdict on the command's
   *     signature for it; ignored (and may be {@code null}) otherwise
   */
  public static Decision<UnlockedSnapshot> unlock(
      Snapshot snapshot, UnlockSnapshotCommand command, Decision<?> signature, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(command.regionId(), violations);
    Identifiers.snapshotId("snapshot_id", command.snapshotId(), violations);
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (snapshot == null || snapshot.isGoneAt(now)) {
      return Decision.reject(SnapshotRejections.notFound(command.regionId(), command.snapshotId()));
    }
    SnapshotLock lock = snapshot.lock();
    LockStatus status = lock == null ? LockStatus.EXPIRED : lock.statusAt(now);
    return switch (status) {
      case COMPLIANCE_COOLOFF, GOVERNANCE ->
          Decision.accept(new UnlockedSnapshot(snapshot.withLock(null), lock));
      case COMPLIANCE ->
          Decision.reject(
              Rejection.of(
                  Reason.COOL_OFF_PERIOD_EXPIRED,
                  "a compliance lock past its cool-off period cannot be removed"));
      case KEY ->
          Objects.requireNonNull(signature, "a KEY unlock needs the verdict on its signature")
                  instanceof Decision.Rejected<?> refused
              ? Decision.reject(refused.rejection())
              : Decision.accept(new UnlockedSnapshot(snapshot.withLock(null), lock));
      case EXPIRED ->
          Decision.reject(
              Rejection.of(
                  Reason.SNAPSHOT_NOT_LOCKED,
                  "snapshot " + command.snapshotId() + " has no active lock"));
    };
  }

  private static Optional<Rejection> notLockable(Snapshot snapshot) {
    if (snapshot.state() == SnapshotState.IN_RECYCLE_BIN) {
      return Optional.of(SnapshotRejections.inRecycleBin("lock", snapshot));
    }
    if (snapshot.status() == SnapshotStatus.FAILED) {
      return Optional.of(
          Rejection.of(
              Reason.SNAPSHOT_NOT_AVAILABLE, "snapshot " + snapshot.snapshotId() + " is FAILED"));
    }
    if (!snapshot.managedBy().isEmpty()) {
      return Optional.of(
          Rejection.of(
              Reason.RESOURCE_MANAGED_BY_PRODUCT,
              "snapshot " + snapshot.snapshotId() + " is managed by " + snapshot.managedBy(),
              Map.of("managed_by", snapshot.managedBy())));
    }
    if (snapshot.shared()) {
      return Optional.of(
          Rejection.of(Reason.SHARED_SNAPSHOT_UNSUPPORTED, "shared snapshots cannot be locked"));
    }
    return Optional.empty();
  }

  /** The lock the command asks for, as far as the current lock's status allows it. */
  private static Decision<SnapshotLock> nextLock(
      Snapshot snapshot, LockRequest request, Decision<String> key, Instant now) {
    // A key that may not lock leaves the lock without one here; the last check refuses it.
    String keyId =
        request.mode() == LockMode.KEY && key instanceof Decision.Accepted<String> usable
            ? usable.value()
            : null;
    SnapshotLock current = snapshot.lock();
    if (current == null) {
      return Decision.accept(freshLock(snapshot, request, keyId, now, 1));
    }
    return switch (current.statusAt(now)) {
      case EXPIRED, COMPLIANCE_COOLOFF, GOVERNANCE ->
          Decision.accept(freshLock(snapshot, request, keyId, now, current.version() + 1));
      case COMPLIANCE -> extendCompliance(current, request, now);
      case KEY -> extendKey(current, request, keyId, now);
    };
  }

  /** A lock created now; a PROGRESSING snapshot's lock waits to start until it is ACCOMPLISHED. */
  private static SnapshotLock freshLock(
      Snapshot snapshot, LockRequest request, String keyId, Instant now, long version) {
    Instant durationStart = snapshot.status() == SnapshotStatus.ACCOMPLISHED ? now : null;
    return new SnapshotLock(
        request.mode(), now, request.coolOffHours(), request.term(), durationStart, keyId, version);
  }

  /**
   * A KEY lock may only be extended: mode KEY, no cool-off, the same key and a later expiry. It
   * keeps its creation, duration start and key; its new version makes earlier unlock challenges
   * stale. A key that may not lock ({@code keyId == null}) is not compared here: the last check
   * says what is wrong with it.
   */
  private static Decision<SnapshotLock> extendKey(
      SnapshotLock current, LockRequest request, String keyId, Instant now) {
    String refused =
        "relock (a KEY lock can only be extended, with its own key, to a later expiry)";
    if (request.mode() != LockMode.KEY
        || request.coolOffHours() != 0
        || (keyId != null && !keyId.equals(current.lockKeyId()))) {
      return Decision.reject(SnapshotRejections.locked(refused, current, now));
    }
    SnapshotLock extended =
        new SnapshotLock(
            LockMode.KEY,
            current.creationTime(),
            0,
            request.term(),
            current.durationStartTime(),
            current.lockKeyId(),
            current.version() + 1);
    if (!endsLater(extended, current, now)) {
      return Decision.reject(SnapshotRejections.locked(refused, current, now));
    }
    return Decision.accept(extended);
  }

  /**
   * Past its cool-off a compliance lock may only be extended. It keeps its creation and duration
   * start, so a days-term of the extension counts from the original start.
   */
  private static Decision<SnapshotLock> extendCompliance(
      SnapshotLock current, LockRequest request, Instant now) {
    if (request.mode() != LockMode.COMPLIANCE || request.coolOffHours() != 0) {
      return Decision.reject(
          Rejection.of(
              Reason.COOL_OFF_PERIOD_EXPIRED,
              "a compliance lock past its cool-off period can only be extended, in mode COMPLIANCE "
                  + "without a cool-off period"));
    }
    SnapshotLock extended =
        new SnapshotLock(
            LockMode.COMPLIANCE,
            current.creationTime(),
            0,
            request.term(),
            current.durationStartTime(),
            null,
            current.version() + 1);
    if (!endsLater(extended, current, now)) {
      return Decision.reject(
          Rejection.of(
              Reason.COOL_OFF_PERIOD_EXPIRED,
              "a compliance lock past its cool-off period can only be extended to a later expiry"));
    }
    return Decision.accept(extended);
  }

  /**
   * Whether {@code extended} surely ends after {@code current}. A pending days-term has no expiry
   * yet: against another days-term the day counts decide (both start at the same moment); an
   * expire_time can never be shown to be later than it.
   */
  private static boolean endsLater(SnapshotLock extended, SnapshotLock current, Instant now) {
    Optional<Instant> currentExpiry = current.expireTime();
    if (currentExpiry.isEmpty()) {
      return extended.term() instanceof LockTerm.Days newDays
          && newDays.days() > ((LockTerm.Days) current.term()).days();
    }
    return extended.earliestExpireTime(now).isAfter(currentExpiry.get());
  }

  private static Optional<Rejection> termRejection(
      Snapshot snapshot, SnapshotLock lock, Instant now) {
    Duration term =
        lock.term() instanceof LockTerm.Days days
            ? Duration.ofDays(days.days())
            : Duration.between(now, lock.earliestExpireTime(now));
    if (lock.coolOffHours() > 0 && Duration.ofHours(lock.coolOffHours()).compareTo(term) >= 0) {
      return Optional.of(
          Rejection.invalidField(
              Reason.COOL_OFF_EXCEEDS_LOCK_DURATION,
              "cool_off_period_hours",
              "must be shorter than the lock's term"));
    }
    Optional<Instant> retentionEnd = snapshot.retentionEndTime();
    if (retentionEnd.isPresent() && lock.earliestExpireTime(now).isAfter(retentionEnd.get())) {
      return Optional.of(
          Rejection.invalidField(
              Reason.LOCK_DURATION_EXCEEDS_RETENTION,
              LockCommandRules.termField(lock.term()),
              "the lock would end after the snapshot's retention ends at " + retentionEnd.get()));
    }
    return Optional.empty();
  }
}
