package io.lockctl.core.rule;

import static io.lockctl.core.rule.Rules.DEV;
import static io.lockctl.core.rule.Rules.ID;
import static io.lockctl.core.rule.Rules.KEEP_OUT;
import static io.lockctl.core.rule.Rules.REGION;
import static io.lockctl.core.rule.Rules.T0;
import static io.lockctl.core.rule.Rules.accepted;
import static io.lockctl.core.rule.Rules.assertInvalidFields;
import static io.lockctl.core.rule.Rules.created;
import static io.lockctl.core.rule.Rules.days;
import static io.lockctl.core.rule.Rules.lockCommand;
import static io.lockctl.core.rule.Rules.lockedRegionLevel;
import static io.lockctl.core.rule.Rules.regionLevel;
import static io.lockctl.core.rule.Rules.rejected;
import static io.lockctl.core.rule.Rules.tagLevel;
import static io.lockctl.core.rule.Rules.withExclusions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LockRule and UnlockRule, and how the lock state moves with time, at explicit instants. */
class RuleLockTransitionsTest {

  @Test
  void aNewRuleWithoutLockConfigurationIsNeverLocked() {
    RetentionRule rule = created(regionLevel());

    assertEquals(RuleLockState.NEVER_LOCKED, rule.lockStateAt(T0));
    assertEquals(RuleLockState.NEVER_LOCKED, rule.lockStateAt(days(10_000)));
    assertEquals(Optional.empty(), rule.currentLockConfiguration());
  }

  @Test
  void createWithLockConfigurationIsLockedFromCreationAndStaysLocked() {
    RetentionRule rule = created(lockedRegionLevel(7));

    assertEquals(RuleLockState.LOCKED, rule.lockStateAt(T0));
    assertEquals(RuleLockState.LOCKED, rule.lockStateAt(days(10_000)));
    assertEquals(Optional.of(new LockConfiguration(7)), rule.currentLockConfiguration());
    assertEquals(Optional.empty(), rule.lockEndTimeAt(T0));
  }

  @Test
  void lockingANeverLockedRuleLocksItWithTheGivenDelay() {
    RetentionRule rule = created(regionLevel());

    RetentionRule locked = accepted(RuleDecisions.lock(rule, lockCommand(14), days(1)));

    assertEquals(RuleLockState.LOCKED, locked.lockStateAt(days(1)));
    assertEquals(Optional.of(new LockConfiguration(14)), locked.currentLockConfiguration());
    assertEquals(days(1), locked.updateTime());
    assertEquals(T0, locked.createTime());
  }

  @Test
  void unlockStartsTheDelayWhichRunsOutExactlyAtLockEndTime() {
    RetentionRule locked = created(lockedRegionLevel(7));
    Instant unlockAt = days(2);

    RetentionRule pending = accepted(RuleDecisions.unlock(locked, unlockAt));

    Instant end = days(9);
    assertEquals(end, pending.lockEndTime());
    assertEquals(unlockAt, pending.updateTime());
    assertEquals(RuleLockState.PENDING_UNLOCK, pending.lockStateAt(unlockAt));
    assertEquals(RuleLockState.PENDING_UNLOCK, pending.lockStateAt(end.minusMillis(1)));
    assertEquals(Optional.of(end), pending.lockEndTimeAt(end.minusMillis(1)));
    assertEquals(RuleLockState.UNLOCKED, pending.lockStateAt(end));
    assertEquals(Optional.empty(), pending.lockEndTimeAt(end));
    assertEquals(RuleLockState.UNLOCKED, pending.lockStateAt(days(10_000)));
  }

  @Test
  void relockDuringPendingUnlockResetsTheDelay() {
    RetentionRule pending = accepted(RuleDecisions.unlock(created(lockedRegionLevel(7)), T0));

    RetentionRule relocked = accepted(RuleDecisions.lock(pending, lockCommand(7), days(5)));

    assertEquals(RuleLockState.LOCKED, relocked.lockStateAt(days(5)));
    // The first unlock would have completed at day 7; the relock cancelled it.
    assertEquals(RuleLockState.LOCKED, relocked.lockStateAt(days(7)));
    assertNull(relocked.lockEndTime());
    assertEquals(days(5), relocked.updateTime());
    // A new unlock waits the whole delay again, from its own start.
    RetentionRule pendingAgain = accepted(RuleDecisions.unlock(relocked, days(6)));
    assertEquals(days(13), pendingAgain.lockEndTime());
    assertEquals(RuleLockState.PENDING_UNLOCK, pendingAgain.lockStateAt(days(12)));
    assertEquals(RuleLockState.UNLOCKED, pendingAgain.lockStateAt(days(13)));
  }

  @Test
  void relockDuringPendingUnlockCannotChangeTheDelay() {
    RetentionRule pending = accepted(RuleDecisions.unlock(created(lockedRegionLevel(7)), T0));

    Rejection rejection =
        rejected(RuleDecisions.lock(pending, lockCommand(8), days(1)), Reason.INVALID_RULE_STATE);

    assertEquals(
        Map.of(
            "lock_state",
            "PENDING_UNLOCK",
            "lock_end_time",
            days(7).toString(),
            "unlock_delay_days",
            "7"),
        rejection.metadata());
  }

  @Test
  void lockingALockedRuleWithTheSameDelayChangesNothing() {
    RetentionRule locked = created(lockedRegionLevel(10));

    RetentionRule again = accepted(RuleDecisions.lock(locked, lockCommand(10), days(3)));

    assertSame(locked, again);
    assertEquals(T0, again.updateTime());
  }

  @Test
  void lockingALockedRuleWithAnotherDelayIsRefused() {
    RetentionRule locked = created(lockedRegionLevel(10));

    Rejection rejection =
        rejected(RuleDecisions.lock(locked, lockCommand(30), days(3)), Reason.INVALID_RULE_STATE);

    assertEquals(Map.of("lock_state", "LOCKED", "unlock_delay_days", "10"), rejection.metadata());
  }

  @Test
  void anUnlockedRuleCanBeLockedAgainWithAnyDelay() {
    RetentionRule pending = accepted(RuleDecisions.unlock(created(lockedRegionLevel(7)), T0));

    RetentionRule relocked = accepted(RuleDecisions.lock(pending, lockCommand(30), days(7)));

    assertEquals(RuleLockState.LOCKED, relocked.lockStateAt(days(7)));
    assertEquals(Optional.of(new LockConfiguration(30)), relocked.currentLockConfiguration());
  }

  @Test
  void aLockedRuleNeverReturnsToNeverLocked() {
    RetentionRule pending = accepted(RuleDecisions.unlock(created(lockedRegionLevel(7)), T0));

    assertEquals(RuleLockState.UNLOCKED, pending.lockStateAt(days(7)));
    assertEquals(RuleLockState.UNLOCKED, pending.lockStateAt(Instant.MAX));
    // Its configuration stays: it is what tells an UNLOCKED rule from a never-locked one.
    assertEquals(Optional.of(new LockConfiguration(7)), pending.currentLockConfiguration());
    RetentionRule updated =
        accepted(RuleDecisions.update(pending, Rules.updateDescription("x"), days(8)));
    assertEquals(RuleLockState.UNLOCKED, updated.lockStateAt(days(8)));
  }

  @Test
  void unlockIsRefusedInEveryStateButLocked() {
    RetentionRule neverLocked = created(regionLevel());
    RetentionRule pending = accepted(RuleDecisions.unlock(created(lockedRegionLevel(7)), T0));

    assertEquals(
        Map.of("lock_state", "NEVER_LOCKED"),
        rejected(RuleDecisions.unlock(neverLocked, T0), Reason.INVALID_RULE_STATE).metadata());
    assertEquals(
        Map.of("lock_state", "PENDING_UNLOCK", "lock_end_time", days(7).toString()),
        rejected(RuleDecisions.unlock(pending, days(1)), Reason.INVALID_RULE_STATE).metadata());
    assertEquals(
        Map.of("lock_state", "UNLOCKED"),
        rejected(RuleDecisions.unlock(pending, days(7)), Reason.INVALID_RULE_STATE).metadata());
  }

  @Test
  void lockRequiresALockConfiguration() {
    RetentionRule rule = created(regionLevel());

    assertInvalidFields(
        RuleDecisions.lock(rule, new LockRuleCommand(REGION, ID, null), T0), "lock_configuration");
  }

  @Test
  void unlockDelayMustBeSevenToThirtyDays() {
    RetentionRule rule = created(regionLevel());

    assertInvalidFields(
        RuleDecisions.lock(rule, lockCommand(6), T0), "lock_configuration.unlock_delay_days");
    assertInvalidFields(
        RuleDecisions.lock(rule, lockCommand(31), T0), "lock_configuration.unlock_delay_days");
    accepted(RuleDecisions.lock(rule, lockCommand(7), T0));
    accepted(RuleDecisions.lock(rule, lockCommand(30), T0));
  }

  @Test
  void tagLevelRulesAndRulesWithExclusionTagsCannotBeLocked() {
    rejected(
        RuleDecisions.lock(created(tagLevel(DEV)), lockCommand(7), T0), Reason.RULE_NOT_LOCKABLE);
    rejected(
        RuleDecisions.lock(created(withExclusions(KEEP_OUT)), lockCommand(7), T0),
        Reason.RULE_NOT_LOCKABLE);
  }

  @Test
  void anUnlockedRuleMadeTagLevelCannotBeLockedAgain() {
    RetentionRule unlocked = accepted(RuleDecisions.unlock(created(lockedRegionLevel(7)), T0));
    UpdateRuleCommand makeTagLevel =
        new UpdateRuleCommand(
            REGION, ID, List.of(UpdateRuleCommand.RESOURCE_TAGS), "", 0, List.of(DEV), List.of());
    RetentionRule tagLevel = accepted(RuleDecisions.update(unlocked, makeTagLevel, days(7)));

    rejected(RuleDecisions.lock(tagLevel, lockCommand(7), days(8)), Reason.RULE_NOT_LOCKABLE);
    assertEquals(RuleLockState.UNLOCKED, tagLevel.lockStateAt(days(8)));
  }

  @Test
  void theStateIsAFunctionOfTimeNotOfWhenItIsRead() {
    RetentionRule pending = accepted(RuleDecisions.unlock(created(lockedRegionLevel(7)), T0));

    // Reading "later" first and "earlier" afterwards gives each instant its own answer: no sweep,
    // no memory of a previous read.
    assertEquals(RuleLockState.UNLOCKED, pending.lockStateAt(days(8)));
    assertEquals(RuleLockState.PENDING_UNLOCK, pending.lockStateAt(days(6)));
    assertEquals(
        RuleLockState.PENDING_UNLOCK,
        pending.lockStateAt(T0.plus(Duration.ofDays(7)).minusMillis(1)));
  }
}
