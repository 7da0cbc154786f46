package io.lockctl.core.snapshot;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of a LockSnapshot request that need no stored state, in the order the contract fixes
 * (snapshot_lock.proto): malformed fields, then the mode, the term and the cool-off.
 */
final class LockCommandRules {
  static final int MIN_DAYS = 1;
  static final int MAX_DAYS = 36500;
  static final int MAX_COOL_OFF_HOURS = 72;

  private LockCommandRules() {}

  /** The first refusal of the request at {@code now}, or empty if its fields are acceptable. */
  static Optional<Rejection> validate(LockSnapshotCommand command, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    SnapshotFieldRules.regionId(command.regionId(), violations);
    SnapshotFieldRules.snapshotId("snapshot_id", command.snapshotId(), violations);
    boolean keyGiven = !command.lockKeyRef().isEmpty();
    if (command.mode() == LockMode.KEY && !keyGiven) {
      violations.add(new FieldViolation("lock_key_ref", "is required for lock mode KEY"));
    } else if (command.mode() != null && command.mode() != LockMode.KEY && keyGiven) {
      violations.add(new FieldViolation("lock_key_ref", "is only allowed for lock mode KEY"));
    }
    Optional<Rejection> malformed = SnapshotFieldRules.rejection(violations);
    if (malformed.isPresent()) {
      return malformed;
    }
    if (command.mode() == null) {
      return Optional.of(
          Rejection.invalidField(
              Reason.INVALID_LOCK_MODE, "lock_mode", "must be COMPLIANCE, GOVERNANCE or KEY"));
    }
    Optional<Rejection> badTerm = termRejection(command.term(), now);
    if (badTerm.isPresent()) {
      return badTerm;
    }
    return coolOffRejection(command.mode(), command.coolOffHours());
  }

  /** The term as stored: instants at millisecond precision, the precision lockctl keeps. */
  static LockTerm storedTerm(LockTerm term) {
    if (term instanceof LockTerm.Until until) {
      return new LockTerm.Until(until.expireTime().truncatedTo(ChronoUnit.MILLIS));
    }
    return term;
  }

  /** The proto field that carried {@code term}, for field violations. */
  static String termField(LockTerm term) {
    return term instanceof LockTerm.Until ? "expire_time" : "lock_duration_days";
  }

  private static Optional<Rejection> termRejection(LockTerm term, Instant now) {
    if (term == null) {
      return Optional.of(
          Rejection.invalidField(
              Reason.INVALID_LOCK_DURATION,
              "lock_duration_days",
              "exactly one of lock_duration_days and expire_time is required"));
    }
    if (term instanceof LockTerm.Days days && (days.days() < MIN_DAYS || days.days() > MAX_DAYS)) {
      return Optional.of(
          Rejection.invalidField(
              Reason.INVALID_LOCK_DURATION,
              "lock_duration_days",
              "must be " + MIN_DAYS + "-" + MAX_DAYS));
    }
    if (storedTerm(term) instanceof LockTerm.Until until && !until.expireTime().isAfter(now)) {
      return Optional.of(
          Rejection.invalidField(
              Reason.INVALID_LOCK_DURATION, "expire_time", "must be in the future"));
    }
    return Optional.empty();
  }

  private static Optional<Rejection> coolOffRejection(LockMode mode, int hours) {
    if (hours < 0 || hours > MAX_COOL_OFF_HOURS) {
      return Optional.of(
          Rejection.invalidField(
              Reason.INVALID_COOL_OFF_PERIOD,
              "cool_off_period_hours",
              "must be 0-" + MAX_COOL_OFF_HOURS));
    }
    if (hours != 0 && mode != LockMode.COMPLIANCE) {
      return Optional.of(
          Rejection.invalidField(
              Reason.INVALID_COOL_OFF_PERIOD,
              "cool_off_period_hours",
              "must be 0 for lock mode " + mode));
    }
    return Optional.empty();
  }
}
