package io.lockctl.server.rule;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.delay;
import static io.lockctl.server.testing.Requests.lockRule;
import static io.lockctl.server.testing.Requests.regionRule;
import static io.lockctl.server.testing.Requests.tag;
import static io.lockctl.server.testing.Requests.tagRule;
import static io.lockctl.server.testing.Requests.unlockRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.v1.CreateRuleRequest;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.ListRulesRequest;
import io.lockctl.v1.ListRulesResponse;
import io.lockctl.v1.ResourceType;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RuleLockState;
import io.lockctl.v1.RuleStatus;
import io.lockctl.v1.UpdateRuleRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every RetentionRuleService RPC and reason, lock states on a settable clock. */
class RetentionRuleGrpcServiceTest {
  private static final String UNKNOWN_ID = "AAAAAAAAAAA";

  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void aCreatedRuleIsReadBackAsCreated() {
    RetentionRule created =
        create(
            tagRule(30, "env", "prod")
                .setDescription("keep prod 30 days")
                .addResourceTags(tag("team", "")));

    assertTrue(created.getIdentifier().matches("^[0-9a-zA-Z]{11}$"), created.getIdentifier());
    assertEquals(REGION, created.getRegionId());
    assertEquals("keep prod 30 days", created.getDescription());
    assertEquals(ResourceType.RESOURCE_TYPE_SNAPSHOT, created.getResourceType());
    assertEquals(30, created.getRetentionPeriodDays());
    assertEquals(List.of(tag("env", "prod"), tag("team", "")), created.getResourceTagsList());
    assertEquals(0, created.getExcludeResourceTagsCount());
    assertEquals(RuleLockState.RULE_LOCK_STATE_UNSPECIFIED, created.getLockState());
    assertFalse(created.hasLockConfiguration());
    assertFalse(created.hasLockEndTime());
    assertEquals(RuleStatus.RULE_STATUS_AVAILABLE, created.getStatus());
    assertEquals(ProtoTime.toTimestamp(lockctl.now()), created.getCreateTime());
    assertEquals(created.getCreateTime(), created.getUpdateTime());
    assertEquals(created, get(created.getIdentifier()));
  }

  @Test
  void aRuleCreatedWithALockConfigurationIsLocked() {
    RetentionRule created = create(regionRule(10).setLockConfiguration(delay(7)));

    assertEquals(RuleLockState.RULE_LOCK_STATE_LOCKED, created.getLockState());
    assertEquals(delay(7), created.getLockConfiguration());
    assertFalse(created.hasLockEndTime());
    assertEquals(created, get(created.getIdentifier()));
  }

  @Test
  void updateChangesOnlyTheMaskedFields() {
    RetentionRule created =
        create(regionRule(10).setDescription("before").addExcludeResourceTags(tag("keep", "no")));
    lockctl.clock().advance(Duration.ofMinutes(5));

    RetentionRule updated =
        lockctl
            .rules()
            .updateRule(
                update(created.getIdentifier(), "retention_period_days", "exclude_resource_tags")
                    .setRule(
                        RetentionRule.newBuilder()
                            .setRetentionPeriodDays(20)
                            .setDescription("ignored")
                            .addExcludeResourceTags(tag("tmp", "yes")))
                    .build())
            .getRule();

    assertEquals(20, updated.getRetentionPeriodDays());
    assertEquals("before", updated.getDescription());
    assertEquals(List.of(tag("tmp", "yes")), updated.getExcludeResourceTagsList());
    assertEquals(created.getCreateTime(), updated.getCreateTime());
    assertEquals(ProtoTime.toTimestamp(lockctl.now()), updated.getUpdateTime());
    assertEquals(updated, get(created.getIdentifier()));
  }

  @Test
  void deleteRemovesTheRuleAndReturnsItAsItWas() {
    RetentionRule created = create(regionRule(10));

    RetentionRule deleted =
        lockctl.rules().deleteRule(delete(created.getIdentifier()).build()).getRule();

    assertEquals(created, deleted);
    assertRefused(Status.Code.NOT_FOUND, "RULE_NOT_FOUND", () -> get(created.getIdentifier()));
  }

  @Test
  void listWalksEveryPageInIdentifierOrder() {
    List<String> created = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      created.add(create(regionRule(10 + n)).getIdentifier());
    }
    lockctl.rules().createRule(regionRule(1).setRegionId("eu-central").build());

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String token = "";
    do {
      ListRulesResponse page =
          lockctl
              .rules()
              .listRules(
                  ListRulesRequest.newBuilder()
                      .setRegionId(REGION)
                      .setPageSize(2)
                      .setPageToken(token)
                      .build());
      page.getRulesList().forEach(rule -> seen.add(rule.getIdentifier()));
      pageSizes.add(page.getRulesCount());
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertEquals(created.stream().sorted().toList(), seen);
    assertEquals(List.of(2, 2, 1), pageSizes);
  }

  @Test
  void listFiltersByTypeLockStateAndTags() {
    String neverLocked =
        create(tagRule(10, "env", "prod").addResourceTags(tag("team", "a"))).getIdentifier();
    String image =
        create(regionRule(10).setResourceType(ResourceType.RESOURCE_TYPE_IMAGE)).getIdentifier();
    String locked = create(regionRule(10).setLockConfiguration(delay(7))).getIdentifier();
    String pending = create(regionRule(10).setLockConfiguration(delay(7))).getIdentifier();
    lockctl.rules().unlockRule(unlockRule(pending).build());

    assertEquals(
        sorted(neverLocked, locked, pending),
        ids(ListRulesRequest.newBuilder().setResourceType(ResourceType.RESOURCE_TYPE_SNAPSHOT)));
    assertEquals(
        List.of(image),
        ids(ListRulesRequest.newBuilder().setResourceType(ResourceType.RESOURCE_TYPE_IMAGE)));
    assertEquals(
        sorted(neverLocked, image),
        ids(ListRulesRequest.newBuilder().setLockState(RuleLockState.RULE_LOCK_STATE_UNSPECIFIED)));
    assertEquals(
        List.of(locked),
        ids(ListRulesRequest.newBuilder().setLockState(RuleLockState.RULE_LOCK_STATE_LOCKED)));
    assertEquals(
        List.of(pending),
        ids(
            ListRulesRequest.newBuilder()
                .setLockState(RuleLockState.RULE_LOCK_STATE_PENDING_UNLOCK)));
    assertEquals(
        List.of(neverLocked), ids(ListRulesRequest.newBuilder().addResourceTags(tag("team", "a"))));
    assertEquals(List.of(), ids(ListRulesRequest.newBuilder().addResourceTags(tag("team", "b"))));

    lockctl.clock().advance(Duration.ofDays(7));
    assertEquals(
        List.of(pending),
        ids(ListRulesRequest.newBuilder().setLockState(RuleLockState.RULE_LOCK_STATE_UNLOCKED)));
  }

  @Test
  void aPageTokenFromAnotherQueryIsRefused() {
    for (int n = 0; n < 3; n++) {
      create(regionRule(10));
    }
    String token =
        lockctl
            .rules()
            .listRules(ListRulesRequest.newBuilder().setRegionId(REGION).setPageSize(1).build())
            .getNextPageToken();

    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PAGE_TOKEN",
        () ->
            lockctl
                .rules()
                .listRules(
                    ListRulesRequest.newBuilder()
                        .setRegionId(REGION)
                        .setLockState(RuleLockState.RULE_LOCK_STATE_LOCKED)
                        .setPageToken(token)
                        .build()));
  }

  @Test
  void theUnlockDelayRunsOutAtLockEndTime() {
    String id = create(regionRule(10).setLockConfiguration(delay(7))).getIdentifier();
    lockctl.clock().advance(Duration.ofHours(1));
    Instant unlockedAt = lockctl.now();

    RetentionRule pending = lockctl.rules().unlockRule(unlockRule(id).build()).getRule();

    Instant end = unlockedAt.plus(Duration.ofDays(7));
    assertEquals(RuleLockState.RULE_LOCK_STATE_PENDING_UNLOCK, pending.getLockState());
    assertEquals(ProtoTime.toTimestamp(end), pending.getLockEndTime());
    assertEquals(ProtoTime.toTimestamp(unlockedAt), pending.getUpdateTime());
    assertEquals(pending, get(id));

    lockctl.clock().set(end.minusMillis(1));
    assertEquals(RuleLockState.RULE_LOCK_STATE_PENDING_UNLOCK, get(id).getLockState());
    Refusal refusal =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "INVALID_RULE_STATE",
            () -> lockctl.rules().deleteRule(delete(id).build()));
    assertEquals(
        Map.of("lock_state", "PENDING_UNLOCK", "lock_end_time", end.toString()),
        refusal.errorInfo().getMetadataMap());

    lockctl.clock().set(end);
    RetentionRule unlocked = get(id);
    assertEquals(RuleLockState.RULE_LOCK_STATE_UNLOCKED, unlocked.getLockState());
    assertFalse(unlocked.hasLockEndTime());
    assertEquals(delay(7), unlocked.getLockConfiguration());
    // the end of the delay is computed, not a change
    assertEquals(pending.getUpdateTime(), unlocked.getUpdateTime());

    RetentionRule updated =
        lockctl
            .rules()
            .updateRule(
                update(id, "description")
                    .setRule(RetentionRule.newBuilder().setDescription("changeable again"))
                    .build())
            .getRule();
    assertEquals(RuleLockState.RULE_LOCK_STATE_UNLOCKED, updated.getLockState());
    assertEquals(updated, lockctl.rules().deleteRule(delete(id).build()).getRule());
  }

  @Test
  void aLockedRuleCanBeNeitherUpdatedNorDeleted() {
    RetentionRule locked = create(regionRule(10).setLockConfiguration(delay(10)));
    String id = locked.getIdentifier();

    Refusal updateRefused =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "INVALID_RULE_STATE",
            () ->
                lockctl
                    .rules()
                    .updateRule(
                        update(id, "retention_period_days")
                            .setRule(RetentionRule.newBuilder().setRetentionPeriodDays(1))
                            .build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "INVALID_RULE_STATE",
        () -> lockctl.rules().deleteRule(delete(id).build()));

    assertEquals(Map.of("lock_state", "LOCKED"), updateRefused.errorInfo().getMetadataMap());
    assertEquals(locked, get(id));
  }

  @Test
  void lockRuleMovesEveryStateAsSpecified() {
    String id = create(regionRule(10)).getIdentifier();

    RetentionRule locked = lockctl.rules().lockRule(lockRule(id, 7).build()).getRule();
    assertEquals(RuleLockState.RULE_LOCK_STATE_LOCKED, locked.getLockState());
    assertEquals(delay(7), locked.getLockConfiguration());

    lockctl.clock().advance(Duration.ofHours(1));
    assertEquals(
        locked,
        lockctl.rules().lockRule(lockRule(id, 7).build()).getRule(),
        "LOCKED with the same delay: no change, update_time kept");
    Refusal otherDelay =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "INVALID_RULE_STATE",
            () -> lockctl.rules().lockRule(lockRule(id, 8).build()));
    assertEquals(
        Map.of("lock_state", "LOCKED", "unlock_delay_days", "7"),
        otherDelay.errorInfo().getMetadataMap());

    lockctl.rules().unlockRule(unlockRule(id).build());
    lockctl.clock().advance(Duration.ofDays(3));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "INVALID_RULE_STATE",
        () -> lockctl.rules().lockRule(lockRule(id, 30).build()));
    RetentionRule relocked = lockctl.rules().lockRule(lockRule(id, 7).build()).getRule();
    assertEquals(RuleLockState.RULE_LOCK_STATE_LOCKED, relocked.getLockState());
    assertFalse(relocked.hasLockEndTime());

    // the relock reset the delay: a new unlock waits the whole 7 days from now
    lockctl.clock().advance(Duration.ofDays(1));
    RetentionRule pendingAgain = lockctl.rules().unlockRule(unlockRule(id).build()).getRule();
    assertEquals(
        ProtoTime.toTimestamp(lockctl.now().plus(Duration.ofDays(7))),
        pendingAgain.getLockEndTime());

    lockctl.clock().advance(Duration.ofDays(7));
    assertEquals(RuleLockState.RULE_LOCK_STATE_UNLOCKED, get(id).getLockState());
    RetentionRule withNewDelay = lockctl.rules().lockRule(lockRule(id, 30).build()).getRule();
    assertEquals(RuleLockState.RULE_LOCK_STATE_LOCKED, withNewDelay.getLockState());
    assertEquals(delay(30), withNewDelay.getLockConfiguration());
  }

  @Test
  void unlockIsRefusedUnlessTheRuleIsLocked() {
    String id = create(regionRule(10)).getIdentifier();
    Refusal neverLocked =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "INVALID_RULE_STATE",
            () -> lockctl.rules().unlockRule(unlockRule(id).build()));
    assertEquals(Map.of("lock_state", "NEVER_LOCKED"), neverLocked.errorInfo().getMetadataMap());

    lockctl.rules().lockRule(lockRule(id, 7).build());
    lockctl.rules().unlockRule(unlockRule(id).build());
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "INVALID_RULE_STATE",
        () -> lockctl.rules().unlockRule(unlockRule(id).build()));

    lockctl.clock().advance(Duration.ofDays(7));
    Refusal unlocked =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "INVALID_RULE_STATE",
            () -> lockctl.rules().unlockRule(unlockRule(id).build()));
    assertEquals(Map.of("lock_state", "UNLOCKED"), unlocked.errorInfo().getMetadataMap());
    assertEquals(
        RuleLockState.RULE_LOCK_STATE_UNLOCKED,
        get(id).getLockState(),
        "a rule once locked never returns to never-locked");
  }

  @Test
  void tagLevelRulesAndRulesWithExclusionsAreNotLockable() {
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "RULE_NOT_LOCKABLE",
        () -> create(tagRule(10, "env", "prod").setLockConfiguration(delay(7))));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "RULE_NOT_LOCKABLE",
        () ->
            create(
                regionRule(10)
                    .addExcludeResourceTags(tag("tmp", ""))
                    .setLockConfiguration(delay(7))));
    String tagLevel = create(tagRule(10, "env", "prod")).getIdentifier();
    String excluding =
        create(regionRule(10).addExcludeResourceTags(tag("tmp", ""))).getIdentifier();

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "RULE_NOT_LOCKABLE",
        () -> lockctl.rules().lockRule(lockRule(tagLevel, 7).build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "RULE_NOT_LOCKABLE",
        () -> lockctl.rules().lockRule(lockRule(excluding, 7).build()));
    assertEquals(
        List.of(tagLevel, excluding).stream().sorted().toList(),
        ids(ListRulesRequest.newBuilder().setLockState(RuleLockState.RULE_LOCK_STATE_UNSPECIFIED)));
  }

  @Test
  void anUnknownRuleIsNotFoundForEveryRpc() {
    assertRefused(Status.Code.NOT_FOUND, "RULE_NOT_FOUND", () -> get(UNKNOWN_ID));
    assertRefused(
        Status.Code.NOT_FOUND,
        "RULE_NOT_FOUND",
        () ->
            lockctl
                .rules()
                .updateRule(
                    update(UNKNOWN_ID, "description")
                        .setRule(RetentionRule.newBuilder().setDescription("x"))
                        .build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "RULE_NOT_FOUND",
        () -> lockctl.rules().deleteRule(delete(UNKNOWN_ID).build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "RULE_NOT_FOUND",
        () -> lockctl.rules().lockRule(lockRule(UNKNOWN_ID, 7).build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "RULE_NOT_FOUND",
        () -> lockctl.rules().unlockRule(unlockRule(UNKNOWN_ID).build()));
    String elsewhere =
        lockctl
            .rules()
            .createRule(regionRule(1).setRegionId("eu-central").build())
            .getRule()
            .getIdentifier();
    assertRefused(Status.Code.NOT_FOUND, "RULE_NOT_FOUND", () -> get(elsewhere));
  }

  @Test
  void createNamesEveryMalformedField() {
    Refusal refusal =
        assertRefused(
            Status.Code.INVALID_ARGUMENT,
            "INVALID_PARAMETER",
            () ->
                lockctl
                    .rules()
                    .createRule(
                        CreateRuleRequest.newBuilder()
                            .setRegionId("Bad Region")
                            .setDescription("tab\there")
                            .setRetentionPeriodDays(3651)
                            .addResourceTags(tag("", "v"))
                            .addExcludeResourceTags(tag("k", "x".repeat(257)))
                            .setLockConfiguration(delay(6))
                            .build()));

    assertEquals(
        List.of(
            "region_id",
            "description",
            "resource_type",
            "retention_period_days",
            "resource_tags[0].key",
            "exclude_resource_tags[0].value",
            "exclude_resource_tags",
            "lock_configuration.unlock_delay_days"),
        refusal.violatedFields());
    assertEquals(List.of(), ids(ListRulesRequest.newBuilder()));
  }

  @Test
  void tooManyTagsAreInvalid() {
    CreateRuleRequest.Builder tooMany = regionRule(10);
    IntStream.range(0, 51).forEach(n -> tooMany.addResourceTags(tag("k" + n, "")));
    assertInvalidField("INVALID_PARAMETER", "resource_tags", () -> create(tooMany));

    CreateRuleRequest.Builder tooManyExclusions = regionRule(10);
    IntStream.range(0, 6).forEach(n -> tooManyExclusions.addExcludeResourceTags(tag("k" + n, "")));
    assertInvalidField(
        "INVALID_PARAMETER", "exclude_resource_tags", () -> create(tooManyExclusions));

    assertInvalidField(
        "INVALID_PARAMETER",
        "resource_tags[1]",
        () -> create(tagRule(10, "env", "prod").addResourceTags(tag("env", "prod"))));
  }

  @Test
  void malformedReferencesMasksAndFiltersAreInvalid() {
    String id = create(regionRule(10)).getIdentifier();

    assertInvalidField("INVALID_PARAMETER", "identifier", () -> get("too-short"));
    assertInvalidField(
        "INVALID_PARAMETER",
        "region_id",
        () ->
            lockctl
                .rules()
                .getRule(GetRuleRequest.newBuilder().setRegionId("x").setIdentifier(id).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "identifier",
        () -> lockctl.rules().deleteRule(delete("bad id!").build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "identifier",
        () -> lockctl.rules().unlockRule(unlockRule("").build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "update_mask",
        () ->
            lockctl
                .rules()
                .updateRule(
                    update(id).setRule(RetentionRule.newBuilder().setDescription("x")).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "update_mask",
        () -> lockctl.rules().updateRule(update(id, "lock_state").build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "rule.retention_period_days",
        () ->
            lockctl
                .rules()
                .updateRule(
                    update(id, "retention_period_days")
                        .setRule(RetentionRule.newBuilder().setRetentionPeriodDays(0))
                        .build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "lock_configuration",
        () -> lockctl.rules().lockRule(lockRule(id, 7).clearLockConfiguration().build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "lock_configuration.unlock_delay_days",
        () -> lockctl.rules().lockRule(lockRule(id, 31).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "page_size",
        () ->
            lockctl
                .rules()
                .listRules(
                    ListRulesRequest.newBuilder().setRegionId(REGION).setPageSize(-1).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "lock_state",
        () ->
            lockctl
                .rules()
                .listRules(
                    ListRulesRequest.newBuilder()
                        .setRegionId(REGION)
                        .setLockStateValue(99)
                        .build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "resource_type",
        () ->
            lockctl
                .rules()
                .listRules(
                    ListRulesRequest.newBuilder()
                        .setRegionId(REGION)
                        .setResourceTypeValue(99)
                        .build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "resource_type",
        () -> create(regionRule(10).setResourceTypeValue(99)));
    assertEquals(RuleLockState.RULE_LOCK_STATE_UNSPECIFIED, get(id).getLockState());
  }

  @Test
  void anUpdateThatWouldPutExclusionsOnATagLevelRuleIsInvalid() {
    String id = create(regionRule(10).addExcludeResourceTags(tag("tmp", ""))).getIdentifier();

    assertInvalidField(
        "INVALID_PARAMETER",
        "rule.resource_tags",
        () ->
            lockctl
                .rules()
                .updateRule(
                    update(id, "resource_tags")
                        .setRule(RetentionRule.newBuilder().addResourceTags(tag("env", "prod")))
                        .build()));
    assertEquals(0, get(id).getResourceTagsCount());
  }

  @Test
  void theQuotaIs250RulesPerRegion() {
    List<String> created = new ArrayList<>();
    for (int n = 0; n < 250; n++) {
      created.add(create(regionRule(1 + n)).getIdentifier());
    }

    Refusal refusal =
        assertRefused(
            Status.Code.RESOURCE_EXHAUSTED, "SERVICE_QUOTA_EXCEEDED", () -> create(regionRule(10)));
    assertEquals(Map.of("quota", "250"), refusal.errorInfo().getMetadataMap());
    assertRefused(
        Status.Code.RESOURCE_EXHAUSTED,
        "SERVICE_QUOTA_EXCEEDED",
        () -> create(regionRule(10).setDryRun(true)));
    assertEquals(
        250,
        lockctl
            .rules()
            .listRules(ListRulesRequest.newBuilder().setRegionId(REGION).setPageSize(1000).build())
            .getRulesCount());

    lockctl.rules().createRule(regionRule(10).setRegionId("eu-central").build());
    lockctl.rules().deleteRule(delete(created.get(0)).build());
    create(regionRule(10));
  }

  private RetentionRule create(CreateRuleRequest.Builder request) {
    return lockctl.rules().createRule(request.build()).getRule();
  }

  private RetentionRule get(String id) {
    return lockctl
        .rules()
        .getRule(GetRuleRequest.newBuilder().setRegionId(REGION).setIdentifier(id).build())
        .getRule();
  }

  private List<String> ids(ListRulesRequest.Builder request) {
    return lockctl.rules().listRules(request.setRegionId(REGION).build()).getRulesList().stream()
        .map(RetentionRule::getIdentifier)
        .toList();
  }

  private static List<String> sorted(String... ids) {
    return List.of(ids).stream().sorted().toList();
  }

  private static UpdateRuleRequest.Builder update(String id, String... paths) {
    return UpdateRuleRequest.newBuilder()
        .setRegionId(REGION)
        .setIdentifier(id)
        .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths)));
  }

  private static DeleteRuleRequest.Builder delete(String id) {
    return DeleteRuleRequest.newBuilder().setRegionId(REGION).setIdentifier(id);
  }
}
