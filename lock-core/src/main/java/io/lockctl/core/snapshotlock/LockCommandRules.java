package io.lockctl.core.snapshotlock;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.Identifiers;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.RequestedTerm;
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

  /** The request as checked at {@code now}, or its first refusal. */
  static Decision<LockRequest> validate(LockSnapshotCommand command, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(command.regionId(), violations);
    Identifiers.snapshotId("snapshot_id", command.snapshotId(), violations);
    boolean keyGiven = !command.lockKeyRef().isEmpty();
    if (command.mode() == LockMode.KEY && !keyGiven) {
      violations.add(new FieldViolation("lock_key_ref", "is required for lock mode KEY"));
    } else if (command.mode() instanceof LockMode mode && mode != LockMode.KEY && keyGiven) {
      violations.add(new FieldViolation("lock_key_ref", "is only allowed for lock mode KEY"));
    }
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (!(command.mode() instanceof LockMode mode)) {
      return Decision.reject(
          Rejection.invalidField(
              Reason.INVALID_LOCK_MODE, "lock_mode", "must be COMPLIANCE, GOVERNANCE or KEY"));
    }
    return term(command.term(), now)
        .then(
            term ->
                Decision.unless(
                    coolOffRejection(mode, command.coolOffHours()),
                    new LockRequest(
                        command.regionId(),
                        command.snapshotId(),
                        mode,
                        term,
                        command.coolOffHours(),
                        command.lockKeyRef())));
  }

  /** The proto field that carried {@code term}, for field violations. */
  static String termField(LockTerm term) {
    return term instanceof LockTerm.Until ? "expire_time" : "lock_duration_days";
  }

  /** The term as stored (an expire time at millisecond precision), if it is within range. */
  private static Decision<LockTerm> term(RequestedTerm requested, Instant now) {
    if (!(requested instanceof LockTerm term)) {
      return Decision.reject(
          Rejection.invalidField(
              Reason.INVALID_LOCK_DURATION,
              "lock_duration_days",
              "exactly one of lock_duration_days and expire_time is required"));
    }
    if (term instanceof LockTerm.Days days && (days.days() < MIN_DAYS || days.days() > MAX_DAYS)) {
      return Decision.reject(
          Rejection.invalidField(
              Reason.INVALID_LOCK_DURATION,
              "lock_duration_days",
              "must be " + MIN_DAYS + "-" + MAX_DAYS));
    }
    if (term instanceof LockTerm.Until until) {
      Instant expireTime = until.expireTime().truncatedTo(ChronoUnit.MILLIS);
      if (!expireTime.isAfter(now)) {
        return Decision.reject(
            Rejection.invalidField(
                Reason.INVALID_LOCK_DURATION, "expire_time", "must be in the future"));
      }
      return Decision.accept(new LockTerm.Until(expireTime));
    }
    return Decision.accept(term);
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
