package io.lockctl.core.rule;

import static io.lockctl.core.rule.Rules.DEV;
import static io.lockctl.core.rule.Rules.ID;
import static io.lockctl.core.rule.Rules.KEEP_OUT;
import static io.lockctl.core.rule.Rules.PROD;
import static io.lockctl.core.rule.Rules.REGION;
import static io.lockctl.core.rule.Rules.T0;
import static io.lockctl.core.rule.Rules.accepted;
import static io.lockctl.core.rule.Rules.assertInvalidFields;
import static io.lockctl.core.rule.Rules.created;
import static io.lockctl.core.rule.Rules.days;
import static io.lockctl.core.rule.Rules.lockedRegionLevel;
import static io.lockctl.core.rule.Rules.regionLevel;
import static io.lockctl.core.rule.Rules.rejected;
import static io.lockctl.core.rule.Rules.tagLevel;
import static io.lockctl.core.rule.Rules.updateDescription;
import static io.lockctl.core.rule.Rules.withExclusions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CreateRule, UpdateRule and DeleteRule decisions, their refusals by state, and the quota. */
class RuleLifecycleTest {

  @Test
  void createStoresEveryFieldAsGiven() {
    CreateRuleCommand command =
        new CreateRuleCommand(
            REGION, "prod snapshots", ResourceType.IMAGE, 90, List.of(PROD, DEV), List.of(), null);

    RetentionRule rule = accepted(RuleDecisions.create(command, ID, 0, T0));

    assertEquals(
        new RetentionRule(
            ID,
            REGION,
            "prod snapshots",
            ResourceType.IMAGE,
            90,
            List.of(PROD, DEV),
            List.of(),
            null,
            null,
            T0,
            T0),
        rule);
    assertEquals(true, rule.isTagLevel());
  }

  @Test
  void createLockedIsOnlyForRegionLevelRulesWithoutExclusions() {
    CreateRuleCommand lockedTagLevel =
        new CreateRuleCommand(
            REGION,
            "",
            ResourceType.SNAPSHOT,
            30,
            List.of(PROD),
            List.of(),
            new LockConfiguration(7));
    CreateRuleCommand lockedWithExclusions =
        new CreateRuleCommand(
            REGION,
            "",
            ResourceType.SNAPSHOT,
            30,
            List.of(),
            List.of(KEEP_OUT),
            new LockConfiguration(7));

    rejected(RuleDecisions.create(lockedTagLevel, ID, 0, T0), Reason.RULE_NOT_LOCKABLE);
    rejected(RuleDecisions.create(lockedWithExclusions, ID, 0, T0), Reason.RULE_NOT_LOCKABLE);
    assertEquals(
        RuleLockState.LOCKED,
        accepted(RuleDecisions.create(lockedRegionLevel(7), ID, 0, T0)).lockStateAt(T0));
  }

  @Test
  void exclusionTagsAreOnlyForRegionLevelRules() {
    CreateRuleCommand both =
        new CreateRuleCommand(
            REGION, "", ResourceType.SNAPSHOT, 30, List.of(PROD), List.of(KEEP_OUT), null);

    assertInvalidFields(RuleDecisions.create(both, ID, 0, T0), "exclude_resource_tags");
  }

  @Test
  void theRegionMayHoldAtMost250Rules() {
    assertEquals(
        RuleLockState.NEVER_LOCKED,
        accepted(RuleDecisions.create(regionLevel(), ID, 249, T0)).lockStateAt(T0));

    Rejection rejection =
        rejected(RuleDecisions.create(regionLevel(), ID, 250, T0), Reason.SERVICE_QUOTA_EXCEEDED);
    assertEquals(Map.of("quota", "250"), rejection.metadata());
  }

  @Test
  void createChecksFieldsThenLockabilityThenQuota() {
    CreateRuleCommand invalidAndUnlockable =
        new CreateRuleCommand(
            REGION,
            "",
            ResourceType.SNAPSHOT,
            0,
            List.of(PROD),
            List.of(),
            new LockConfiguration(7));
    CreateRuleCommand unlockable =
        new CreateRuleCommand(
            REGION,
            "",
            ResourceType.SNAPSHOT,
            30,
            List.of(PROD),
            List.of(),
            new LockConfiguration(7));

    assertInvalidFields(
        RuleDecisions.create(invalidAndUnlockable, ID, 250, T0), "retention_period_days");
    rejected(RuleDecisions.create(unlockable, ID, 250, T0), Reason.RULE_NOT_LOCKABLE);
  }

  @Test
  void updateChangesOnlyTheMaskedFields() {
    RetentionRule rule = created(tagLevel(PROD));
    UpdateRuleCommand command =
        new UpdateRuleCommand(
            REGION,
            ID,
            List.of(UpdateRuleCommand.RETENTION_PERIOD_DAYS, UpdateRuleCommand.RESOURCE_TAGS),
            "ignored: not in the mask",
            365,
            List.of(DEV),
            List.of(KEEP_OUT));

    RetentionRule updated = accepted(RuleDecisions.update(rule, command, days(1)));

    assertEquals(
        new RetentionRule(
            ID,
            REGION,
            rule.description(),
            ResourceType.SNAPSHOT,
            365,
            List.of(DEV),
            List.of(),
            null,
            null,
            T0,
            days(1)),
        updated);
  }

  @Test
  void unmaskedValuesAreNotValidated() {
    RetentionRule rule = created(regionLevel());
    UpdateRuleCommand command =
        new UpdateRuleCommand(
            REGION,
            ID,
            List.of(UpdateRuleCommand.DESCRIPTION),
            "new",
            -5,
            List.of(new ResourceTag("", "")),
            List.of());

    assertEquals("new", accepted(RuleDecisions.update(rule, command, T0)).description());
  }

  @Test
  void updateNeedsAMaskOfKnownPaths() {
    RetentionRule rule = created(regionLevel());

    assertInvalidFields(
        RuleDecisions.update(
            rule, new UpdateRuleCommand(REGION, ID, List.of(), "", 1, List.of(), List.of()), T0),
        "update_mask");
    assertInvalidFields(
        RuleDecisions.update(
            rule,
            new UpdateRuleCommand(
                REGION,
                ID,
                List.of("lock_configuration", "resource_type"),
                "",
                1,
                List.of(),
                List.of()),
            T0),
        "update_mask",
        "update_mask");
  }

  @Test
  void anUpdateCannotLeaveATagLevelRuleWithExclusionTags() {
    RetentionRule withExclusions = created(withExclusions(KEEP_OUT));
    RetentionRule tagLevel = created(tagLevel(PROD));
    UpdateRuleCommand addTags =
        new UpdateRuleCommand(
            REGION, ID, List.of(UpdateRuleCommand.RESOURCE_TAGS), "", 0, List.of(PROD), List.of());
    UpdateRuleCommand addExclusions =
        new UpdateRuleCommand(
            REGION,
            ID,
            List.of(UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS),
            "",
            0,
            List.of(),
            List.of(KEEP_OUT));
    UpdateRuleCommand swap =
        new UpdateRuleCommand(
            REGION,
            ID,
            List.of(UpdateRuleCommand.RESOURCE_TAGS, UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS),
            "",
            0,
            List.of(),
            List.of(KEEP_OUT));

    assertInvalidFields(RuleDecisions.update(withExclusions, addTags, T0), "rule.resource_tags");
    assertInvalidFields(
        RuleDecisions.update(tagLevel, addExclusions, T0), "rule.exclude_resource_tags");
    RetentionRule swapped = accepted(RuleDecisions.update(tagLevel, swap, T0));
    assertEquals(List.of(), swapped.resourceTags());
    assertEquals(List.of(KEEP_OUT), swapped.excludeResourceTags());
  }

  @Test
  void updateAndDeleteAreRefusedWhileLocked() {
    RetentionRule locked = created(lockedRegionLevel(7));

    Rejection update =
        rejected(
            RuleDecisions.update(locked, updateDescription("x"), days(1)),
            Reason.INVALID_RULE_STATE);
    Rejection delete = rejected(RuleDecisions.delete(locked, days(1)), Reason.INVALID_RULE_STATE);

    assertEquals(Map.of("lock_state", "LOCKED"), update.metadata());
    assertEquals(Map.of("lock_state", "LOCKED"), delete.metadata());
  }

  @Test
  void updateAndDeleteAreRefusedUntilTheUnlockDelayHasRunOut() {
    RetentionRule pending = accepted(RuleDecisions.unlock(created(lockedRegionLevel(7)), T0));
    Map<String, String> pendingMetadata =
        Map.of("lock_state", "PENDING_UNLOCK", "lock_end_time", days(7).toString());

    assertEquals(
        pendingMetadata,
        rejected(
                RuleDecisions.update(pending, updateDescription("x"), days(7).minusMillis(1)),
                Reason.INVALID_RULE_STATE)
            .metadata());
    assertEquals(
        pendingMetadata,
        rejected(RuleDecisions.delete(pending, days(7).minusMillis(1)), Reason.INVALID_RULE_STATE)
            .metadata());

    assertEquals(
        "x",
        accepted(RuleDecisions.update(pending, updateDescription("x"), days(7))).description());
    assertSame(pending, accepted(RuleDecisions.delete(pending, days(7))));
  }

  @Test
  void aNeverLockedRuleCanBeUpdatedAndDeleted() {
    RetentionRule rule = created(regionLevel());

    RetentionRule updated =
        accepted(RuleDecisions.update(rule, updateDescription("changed"), days(1)));

    assertEquals("changed", updated.description());
    assertNull(updated.lockConfiguration());
    assertSame(rule, accepted(RuleDecisions.delete(rule, days(1))));
  }

  @Test
  void updateChecksFieldsBeforeTheLockState() {
    RetentionRule locked = created(lockedRegionLevel(7));

    assertInvalidFields(
        RuleDecisions.update(locked, updateDescription("tab\there"), T0), "rule.description");
  }
}
