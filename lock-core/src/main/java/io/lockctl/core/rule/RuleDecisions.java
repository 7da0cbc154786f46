package io.lockctl.core.rule;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rule lifecycle of lockctl.v1.RetentionRuleService as pure decisions: (stored rule, command,
 * now) -> the rule to store, or a rejection. No clock reads and no I/O; {@link RetentionRules} is
 * the shell that loads and stores. Each decision validates its command itself, so it is total; the
 * shell validates too, before its lookup, only to put INVALID_PARAMETER ahead of RULE_NOT_FOUND.
 */
public final class RuleDecisions {
  /** More than 250 rules in a region is SERVICE_QUOTA_EXCEEDED. */
  public static final int MAX_RULES_PER_REGION = 250;

  private RuleDecisions() {}

  /**
   * @param identifier the new rule's identifier, free in the region
   * @param rulesInRegion how many rules the region has now
   */
  public static Decision<RetentionRule> create(
      CreateRuleCommand command, String identifier, int rulesInRegion, Instant now) {
    Optional<Rejection> invalid = RuleValidation.create(command);
    if (invalid.isPresent()) {
      return Decision.reject(invalid.get());
    }
    RetentionRule rule =
        new RetentionRule(
            identifier,
            command.regionId(),
            command.description(),
            command.resourceType(),
            command.retentionPeriodDays(),
            command.resourceTags(),
            command.excludeResourceTags(),
            command.lockConfiguration(),
            null,
            now,
            now);
    if (command.lockConfiguration() != null && !rule.isLockable()) {
      return Decision.reject(RuleRejections.notLockable(identifier));
    }
    if (rulesInRegion >= MAX_RULES_PER_REGION) {
      return Decision.reject(
          RuleRejections.quotaExceeded(command.regionId(), MAX_RULES_PER_REGION));
    }
    return Decision.accept(rule);
  }

  /**
   * Applies the masked fields; refused while the rule is LOCKED or PENDING_UNLOCK at {@code now}.
   */
  public static Decision<RetentionRule> update(
      RetentionRule current, UpdateRuleCommand command, Instant now) {
    Optional<Rejection> invalid = RuleValidation.update(command);
    if (invalid.isPresent()) {
      return Decision.reject(invalid.get());
    }
    if (current.lockStateAt(now).forbidsChanges()) {
      return Decision.reject(
          RuleRejections.invalidState(
              "retention rule " + current.identifier() + " is locked: it cannot be updated",
              current,
              now));
    }
    RetentionRule updated =
        current.withFields(
            command.updates(UpdateRuleCommand.DESCRIPTION)
                ? command.description()
                : current.description(),
            command.updates(UpdateRuleCommand.RETENTION_PERIOD_DAYS)
                ? command.retentionPeriodDays()
                : current.retentionPeriodDays(),
            command.updates(UpdateRuleCommand.RESOURCE_TAGS)
                ? command.resourceTags()
                : current.resourceTags(),
            command.updates(UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS)
                ? command.excludeResourceTags()
                : current.excludeResourceTags(),
            now);
    if (updated.isTagLevel() && !updated.excludeResourceTags().isEmpty()) {
      // Blame the field the caller changed; if both were, the exclusion tags are the odd ones out.
      String field =
          command.updates(UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS)
              ? "rule.exclude_resource_tags"
              : "rule.resource_tags";
      FieldViolation violation = RuleValidation.exclusionOnTagLevel(field);
      return Decision.reject(Rejection.invalidParameters(List.of(violation)).orElseThrow());
    }
    return Decision.accept(updated);
  }

  /** Accepts the rule to delete; refused while it is LOCKED or PENDING_UNLOCK at {@code now}. */
  public static Decision<RetentionRule> delete(RetentionRule current, Instant now) {
    if (current.lockStateAt(now).forbidsChanges()) {
      return Decision.reject(
          RuleRejections.invalidState(
              "retention rule " + current.identifier() + " is locked: it cannot be deleted",
              current,
              now));
    }
    return Decision.accept(current);
  }

  /**
   * LockRule. The accepted rule equals {@code current} when nothing changes (LOCKED with the same
   * delay), so the shell can tell a no-op from a change.
   */
  public static Decision<RetentionRule> lock(
      RetentionRule current, LockRuleCommand command, Instant now) {
    Optional<Rejection> invalid = RuleValidation.lock(command);
    if (invalid.isPresent()) {
      return Decision.reject(invalid.get());
    }
    if (!current.isLockable()) {
      return Decision.reject(RuleRejections.notLockable(current.identifier()));
    }
    LockConfiguration requested = command.lockConfiguration();
    boolean sameDelay = current.currentLockConfiguration().filter(requested::equals).isPresent();
    return switch (current.lockStateAt(now)) {
      case NEVER_LOCKED, UNLOCKED -> Decision.accept(current.lockedWith(requested, now));
      // A relock cancels the pending unlock; the next UnlockRule starts the whole delay again.
      case PENDING_UNLOCK ->
          sameDelay
              ? Decision.accept(current.lockedWith(requested, now))
              : Decision.reject(
                  RuleRejections.invalidStateForLock(
                      "retention rule "
                          + current.identifier()
                          + " is pending unlock: its unlock delay cannot change",
                      current,
                      now));
      case LOCKED ->
          sameDelay
              ? Decision.accept(current)
              : Decision.reject(
                  RuleRejections.invalidStateForLock(
                      "retention rule "
                          + current.identifier()
                          + " is locked: its unlock delay cannot change",
                      current,
                      now));
    };
  }

  /**
   * UnlockRule: LOCKED -> PENDING_UNLOCK until {@code now + unlock delay}; any other state refused.
   */
  public static Decision<RetentionRule> unlock(RetentionRule current, Instant now) {
    RuleLockState state = current.lockStateAt(now);
    if (state != RuleLockState.LOCKED) {
      return Decision.reject(
          RuleRejections.invalidState(
              "retention rule "
                  + current.identifier()
                  + " is not locked ("
                  + state
                  + "): only a LOCKED rule can be unlocked",
              current,
              now));
    }
    Instant end = now.plus(current.lockConfiguration().unlockDelay());
    return Decision.accept(current.unlockingUntil(end, now));
  }
}
