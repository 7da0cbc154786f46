package io.lockctl.core.rule;

import io.lockctl.core.error.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A plain model of one rule's lifecycle, written straight from SPEC.md section 3 without the
 * production types, for the property test to check the decisions against. Each operation returns
 * the reason it must be refused with, or empty when it must succeed (and then applies it).
 */
final class RuleModel {
  private enum Lock {
    NEVER,
    LOCKED,
    UNLOCKING
  }

  boolean tagLevel;
  boolean exclusions;
  private Lock lock = Lock.NEVER;
  private int delayDays;
  private Instant unlockEnd;
  private boolean everLocked;

  /** The reason CreateRule must refuse these parameters with, or empty when it must accept them. */
  static Optional<Reason> refusalOfCreate(boolean tagLevel, boolean exclusions, Integer lockDelay) {
    if (tagLevel && exclusions) {
      return Optional.of(Reason.INVALID_PARAMETER);
    }
    if (lockDelay != null && (tagLevel || exclusions)) {
      return Optional.of(Reason.RULE_NOT_LOCKABLE);
    }
    return Optional.empty();
  }

  static RuleModel created(boolean tagLevel, boolean exclusions, Integer lockDelay) {
    RuleModel model = new RuleModel();
    model.tagLevel = tagLevel;
    model.exclusions = exclusions;
    if (lockDelay != null) {
      model.lockNow(lockDelay);
    }
    return model;
  }

  RuleLockState state(Instant now) {
    return switch (lock) {
      case NEVER -> RuleLockState.NEVER_LOCKED;
      case LOCKED -> RuleLockState.LOCKED;
      case UNLOCKING ->
          now.isBefore(unlockEnd) ? RuleLockState.PENDING_UNLOCK : RuleLockState.UNLOCKED;
    };
  }

  /** Whether UpdateRule and DeleteRule must be refused at {@code now}. */
  boolean protectedAt(Instant now) {
    RuleLockState state = state(now);
    return state == RuleLockState.LOCKED || state == RuleLockState.PENDING_UNLOCK;
  }

  Optional<Instant> pendingUnlockEnd(Instant now) {
    return state(now) == RuleLockState.PENDING_UNLOCK ? Optional.of(unlockEnd) : Optional.empty();
  }

  Optional<Integer> delayDays() {
    return everLocked ? Optional.of(delayDays) : Optional.empty();
  }

  boolean everLocked() {
    return everLocked;
  }

  Optional<Reason> update(boolean newTagLevel, boolean newExclusions, Instant now) {
    if (protectedAt(now)) {
      return Optional.of(Reason.INVALID_RULE_STATE);
    }
    if (newTagLevel && newExclusions) {
      return Optional.of(Reason.INVALID_PARAMETER);
    }
    tagLevel = newTagLevel;
    exclusions = newExclusions;
    return Optional.empty();
  }

  Optional<Reason> delete(Instant now) {
    return protectedAt(now) ? Optional.of(Reason.INVALID_RULE_STATE) : Optional.empty();
  }

  Optional<Reason> lock(int requestedDelay, Instant now) {
    if (tagLevel || exclusions) {
      return Optional.of(Reason.RULE_NOT_LOCKABLE);
    }
    RuleLockState state = state(now);
    if ((state == RuleLockState.LOCKED || state == RuleLockState.PENDING_UNLOCK)
        && requestedDelay != delayDays) {
      return Optional.of(Reason.INVALID_RULE_STATE);
    }
    lockNow(requestedDelay);
    return Optional.empty();
  }

  Optional<Reason> unlock(Instant now) {
    if (state(now) != RuleLockState.LOCKED) {
      return Optional.of(Reason.INVALID_RULE_STATE);
    }
    lock = Lock.UNLOCKING;
    unlockEnd = now.plus(Duration.ofDays(delayDays));
    return Optional.empty();
  }

  private void lockNow(int days) {
    lock = Lock.LOCKED;
    delayDays = days;
    unlockEnd = null;
    everLocked = true;
  }
}
