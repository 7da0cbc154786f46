package io.lockctl.core.rule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A retention rule as stored. Its lock state is not stored: {@link #lockStateAt(Instant)} derives
 * it from {@code lockConfiguration}, {@code lockEndTime} and the compliance time, so the end of an
 * unlock delay is right on every read without a sweep. The derivation (which a store's lock-state
 * filter must follow, see {@link RuleQuery#matches}):
 *
 * <ul>
 *   <li>no {@code lockConfiguration}: never locked;
 *   <li>a {@code lockConfiguration} and no {@code lockEndTime}: LOCKED;
 *   <li>{@code now} before {@code lockEndTime}: PENDING_UNLOCK;
 *   <li>otherwise UNLOCKED.
 * </ul>
 *
 * Because locking sets the configuration and nothing ever clears it, a rule that was locked once
 * can never be "never locked" again.
 *
 * @param resourceTags non-empty makes the rule tag-level
 * @param excludeResourceTags only on region-level rules
 * @param lockConfiguration the delay of the latest lock; {@code null} while never locked
 * @param lockEndTime when UnlockRule's delay runs out; {@code null} while LOCKED or never locked
 * @param updateTime the last accepted change (an update, a lock or an unlock)
 */
public record RetentionRule(
    String identifier,
    String regionId,
    String description,
    ResourceType resourceType,
    int retentionPeriodDays,
    List<ResourceTag> resourceTags,
    List<ResourceTag> excludeResourceTags,
    LockConfiguration lockConfiguration,
    Instant lockEndTime,
    Instant createTime,
    Instant updateTime) {

  public RetentionRule {
    resourceTags = List.copyOf(resourceTags);
    excludeResourceTags = List.copyOf(excludeResourceTags);
  }

  /** The configuration of the latest lock; empty while the rule has never been locked. */
  public Optional<LockConfiguration> currentLockConfiguration() {
    return Optional.ofNullable(lockConfiguration);
  }

  public RuleLockState lockStateAt(Instant now) {
    if (lockConfiguration == null) {
      return RuleLockState.NEVER_LOCKED;
    }
    if (lockEndTime == null) {
      return RuleLockState.LOCKED;
    }
    return now.isBefore(lockEndTime) ? RuleLockState.PENDING_UNLOCK : RuleLockState.UNLOCKED;
  }

  /** When the pending unlock completes; empty unless the rule is PENDING_UNLOCK at {@code now}. */
  public Optional<Instant> lockEndTimeAt(Instant now) {
    return lockStateAt(now) == RuleLockState.PENDING_UNLOCK
        ? Optional.of(lockEndTime)
        : Optional.empty();
  }

  /** A tag-level rule retains only resources carrying one of its tags. */
  public boolean isTagLevel() {
    return !resourceTags.isEmpty();
  }

  /** Only region-level rules without exclusion tags can be locked (the anchor's LockRule note). */
  public boolean isLockable() {
    return !isTagLevel() && excludeResourceTags.isEmpty();
  }

  RetentionRule withFields(
      String newDescription,
      int newRetentionPeriodDays,
      List<ResourceTag> newResourceTags,
      List<ResourceTag> newExcludeResourceTags,
      Instant now) {
    return new RetentionRule(
        identifier,
        regionId,
        newDescription,
        resourceType,
        newRetentionPeriodDays,
        newResourceTags,
        newExcludeResourceTags,
        lockConfiguration,
        lockEndTime,
        createTime,
        now);
  }

  RetentionRule lockedWith(LockConfiguration configuration, Instant now) {
    return new RetentionRule(
        identifier,
        regionId,
        description,
        resourceType,
        retentionPeriodDays,
        resourceTags,
        excludeResourceTags,
        configuration,
        null,
        createTime,
        now);
  }

  RetentionRule unlockingUntil(Instant end, Instant now) {
    return new RetentionRule(
        identifier,
        regionId,
        description,
        resourceType,
        retentionPeriodDays,
        resourceTags,
        excludeResourceTags,
        lockConfiguration,
        end,
        createTime,
        now);
  }
}
