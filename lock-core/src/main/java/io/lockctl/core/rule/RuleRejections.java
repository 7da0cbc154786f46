package io.lockctl.core.rule;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Refusals of the rule lifecycle, worded the same way wherever they arise. */
final class RuleRejections {

  private RuleRejections() {}

  static Rejection notFound(String regionId, String identifier) {
    return Rejection.of(
        Reason.RULE_NOT_FOUND, "retention rule " + identifier + " not found in region " + regionId);
  }

  /**
   * INVALID_RULE_STATE with the metadata clients act on: the lock state at {@code now} ({@link
   * RuleLockState} names) and, while an unlock is pending, when it completes (RFC 3339).
   */
  static Rejection invalidState(String refused, RetentionRule rule, Instant now) {
    return Rejection.of(Reason.INVALID_RULE_STATE, refused, stateMetadata(rule, now));
  }

  /** INVALID_RULE_STATE for LockRule: also the current delay, the one a relock must repeat. */
  static Rejection invalidStateForLock(String refused, RetentionRule rule, Instant now) {
    Map<String, String> metadata = stateMetadata(rule, now);
    rule.currentLockConfiguration()
        .ifPresent(
            configuration ->
                metadata.put(
                    "unlock_delay_days", Integer.toString(configuration.unlockDelayDays())));
    return Rejection.of(Reason.INVALID_RULE_STATE, refused, metadata);
  }

  static Rejection notLockable(String identifier) {
    return Rejection.of(
        Reason.RULE_NOT_LOCKABLE,
        "retention rule "
            + identifier
            + " cannot be locked: only region-level rules without exclusion tags can be");
  }

  static Rejection quotaExceeded(String regionId, int quota) {
    return Rejection.of(
        Reason.SERVICE_QUOTA_EXCEEDED,
        "region " + regionId + " already has " + quota + " retention rules",
        Map.of("quota", Integer.toString(quota)));
  }

  private static Map<String, String> stateMetadata(RetentionRule rule, Instant now) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("lock_state", rule.lockStateAt(now).name());
    rule.lockEndTimeAt(now).ifPresent(end -> metadata.put("lock_end_time", end.toString()));
    return metadata;
  }
}
