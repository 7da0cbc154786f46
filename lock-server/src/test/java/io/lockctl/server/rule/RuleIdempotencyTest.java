package io.lockctl.server.rule;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.delay;
import static io.lockctl.server.testing.Requests.lockRule;
import static io.lockctl.server.testing.Requests.regionRule;
import static io.lockctl.server.testing.Requests.tagRule;
import static io.lockctl.server.testing.Requests.unlockRule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.v1.CreateRuleResponse;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.DeleteRuleResponse;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.ListRulesRequest;
import io.lockctl.v1.LockRuleResponse;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RuleLockState;
import io.lockctl.v1.UnlockRuleResponse;
import io.lockctl.v1.UpdateRuleRequest;
import io.lockctl.v1.UpdateRuleResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** client_token and dry_run through every RetentionRuleService mutation. */
class RuleIdempotencyTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void aReplayedCreateReturnsTheSameRuleAndCreatesOne() {
    CreateRuleResponse first =
        lockctl.rules().createRule(regionRule(10).setClientToken("c").build());
    lockctl.clock().advance(Duration.ofMinutes(1));

    CreateRuleResponse replay =
        lockctl.rules().createRule(regionRule(10).setClientToken("c").build());

    assertEquals(first.toByteString(), replay.toByteString());
    assertEquals(
        1,
        lockctl
            .rules()
            .listRules(ListRulesRequest.newBuilder().setRegionId(REGION).build())
            .getRulesCount());
  }

  @Test
  void everyRuleMutationReplaysTheIdenticalResponseAndChangesNothing() {
    String id = lockctl.rules().createRule(regionRule(10).build()).getRule().getIdentifier();
    UpdateRuleRequest update = update(id, 20).setClientToken("u").build();
    UpdateRuleResponse updated = lockctl.rules().updateRule(update);
    LockRuleResponse locked = lockctl.rules().lockRule(lockRule(id, 7).setClientToken("l").build());
    UnlockRuleResponse unlocking =
        lockctl.rules().unlockRule(unlockRule(id).setClientToken("un").build());
    lockctl.clock().advance(Duration.ofDays(7));
    DeleteRuleRequest delete =
        DeleteRuleRequest.newBuilder()
            .setRegionId(REGION)
            .setIdentifier(id)
            .setClientToken("d")
            .build();
    DeleteRuleResponse deleted = lockctl.rules().deleteRule(delete);

    assertEquals(updated.toByteString(), lockctl.rules().updateRule(update).toByteString());
    assertEquals(
        locked.toByteString(),
        lockctl.rules().lockRule(lockRule(id, 7).setClientToken("l").build()).toByteString());
    assertEquals(
        unlocking.toByteString(),
        lockctl.rules().unlockRule(unlockRule(id).setClientToken("un").build()).toByteString());
    assertEquals(deleted.toByteString(), lockctl.rules().deleteRule(delete).toByteString());
    assertRefused(Status.Code.NOT_FOUND, "RULE_NOT_FOUND", () -> get(id));
  }

  @Test
  void aReplayedUnlockDoesNotRestartTheDelay() {
    String id =
        lockctl
            .rules()
            .createRule(regionRule(10).setLockConfiguration(delay(7)).build())
            .getRule()
            .getIdentifier();
    UnlockRuleResponse first =
        lockctl.rules().unlockRule(unlockRule(id).setClientToken("un").build());
    lockctl.clock().advance(Duration.ofDays(3));

    lockctl.rules().unlockRule(unlockRule(id).setClientToken("un").build());

    assertEquals(first.getRule().getLockEndTime(), get(id).getLockEndTime());
  }

  @Test
  void aTokenReusedWithAnotherRequestIsRefusedAndChangesNothing() {
    String id = lockctl.rules().createRule(regionRule(10).build()).getRule().getIdentifier();
    lockctl.rules().updateRule(update(id, 20).setClientToken("t").build());
    lockctl.rules().createRule(regionRule(10).setClientToken("t").build());

    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "IDEMPOTENT_PARAMETER_MISMATCH",
        () -> lockctl.rules().updateRule(update(id, 30).setClientToken("t").build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "IDEMPOTENT_PARAMETER_MISMATCH",
        () -> lockctl.rules().createRule(regionRule(11).setClientToken("t").build()));
    assertEquals(20, get(id).getRetentionPeriodDays());
    assertEquals(
        2,
        lockctl
            .rules()
            .listRules(ListRulesRequest.newBuilder().setRegionId(REGION).build())
            .getRulesCount());
  }

  @Test
  void aDryRunOfEachRuleMutationChangesNothing() {
    RetentionRule dryCreated =
        lockctl.rules().createRule(regionRule(10).setDryRun(true).build()).getRule();
    assertEquals(
        0,
        lockctl
            .rules()
            .listRules(ListRulesRequest.newBuilder().setRegionId(REGION).build())
            .getRulesCount());
    RetentionRule created = lockctl.rules().createRule(regionRule(10).build()).getRule();
    assertEquals(created, dryCreated.toBuilder().setIdentifier(created.getIdentifier()).build());
    String id = created.getIdentifier();

    assertEquals(
        20,
        lockctl
            .rules()
            .updateRule(update(id, 20).setDryRun(true).build())
            .getRule()
            .getRetentionPeriodDays());
    assertEquals(created, get(id));

    LockRuleResponse dryLock = lockctl.rules().lockRule(lockRule(id, 7).setDryRun(true).build());
    assertEquals(created, get(id));
    assertEquals(dryLock, lockctl.rules().lockRule(lockRule(id, 7).build()));

    UnlockRuleResponse dryUnlock =
        lockctl.rules().unlockRule(unlockRule(id).setDryRun(true).build());
    assertEquals(RuleLockState.RULE_LOCK_STATE_PENDING_UNLOCK, dryUnlock.getRule().getLockState());
    assertEquals(RuleLockState.RULE_LOCK_STATE_LOCKED, get(id).getLockState());
    lockctl.rules().unlockRule(unlockRule(id).build());
    lockctl.clock().advance(Duration.ofDays(7));

    lockctl
        .rules()
        .deleteRule(
            DeleteRuleRequest.newBuilder()
                .setRegionId(REGION)
                .setIdentifier(id)
                .setDryRun(true)
                .build());
    assertEquals(RuleLockState.RULE_LOCK_STATE_UNLOCKED, get(id).getLockState());
  }

  @Test
  void aDryRunIsRefusedAsTheRealCallWouldBeAndDoesNotUseUpItsToken() {
    String tagLevel =
        lockctl.rules().createRule(tagRule(10, "env", "prod").build()).getRule().getIdentifier();
    String locked =
        lockctl
            .rules()
            .createRule(regionRule(10).setLockConfiguration(delay(7)).build())
            .getRule()
            .getIdentifier();

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "RULE_NOT_LOCKABLE",
        () -> lockctl.rules().lockRule(lockRule(tagLevel, 7).setDryRun(true).build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "INVALID_RULE_STATE",
        () ->
            lockctl
                .rules()
                .deleteRule(
                    DeleteRuleRequest.newBuilder()
                        .setRegionId(REGION)
                        .setIdentifier(locked)
                        .setDryRun(true)
                        .build()));

    lockctl.rules().updateRule(update(tagLevel, 20).setClientToken("t").setDryRun(true).build());
    RetentionRule real =
        lockctl.rules().updateRule(update(tagLevel, 30).setClientToken("t").build()).getRule();
    assertEquals(30, real.getRetentionPeriodDays());
    assertEquals(real, get(tagLevel));
  }

  private RetentionRule get(String id) {
    return lockctl
        .rules()
        .getRule(GetRuleRequest.newBuilder().setRegionId(REGION).setIdentifier(id).build())
        .getRule();
  }

  private static UpdateRuleRequest.Builder update(String id, int retentionDays) {
    return UpdateRuleRequest.newBuilder()
        .setRegionId(REGION)
        .setIdentifier(id)
        .setRule(RetentionRule.newBuilder().setRetentionPeriodDays(retentionDays))
        .setUpdateMask(FieldMask.newBuilder().addPaths("retention_period_days"));
  }
}
