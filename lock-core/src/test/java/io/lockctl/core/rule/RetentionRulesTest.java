package io.lockctl.core.rule;

import static io.lockctl.core.rule.Rules.DEV;
import static io.lockctl.core.rule.Rules.PROD;
import static io.lockctl.core.rule.Rules.REGION;
import static io.lockctl.core.rule.Rules.T0;
import static io.lockctl.core.rule.Rules.days;
import static io.lockctl.core.rule.Rules.lockedRegionLevel;
import static io.lockctl.core.rule.Rules.regionLevel;
import static io.lockctl.core.rule.Rules.tagLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.paging.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The shell: load, decide, store; a refusal writes nothing. Runs over an in-memory repository. */
class RetentionRulesTest {
  private final InMemoryRuleRepository repository = new InMemoryRuleRepository();
  private final RetentionRules rules = new RetentionRules(new RuleIds(new Random(7)));

  private RuleTransaction at(Instant now) {
    return new RuleTransaction(repository, now);
  }

  private static Reason refusal(Executable call) {
    return assertThrows(RejectedException.class, call).reason();
  }

  /**
   * Asserts that {@code call} is refused with {@code reason} and leaves the repository as it was.
   */
  private void assertRefusedWithoutWriting(Reason reason, Executable call) {
    List<RetentionRule> before = repository.all();
    int writes = repository.writes();
    assertEquals(reason, refusal(call));
    assertEquals(before, repository.all());
    assertEquals(writes, repository.writes());
  }

  @Test
  void createGeneratesAnIdentifierAndStoresTheRule() {
    RetentionRule rule = rules.create(at(T0), regionLevel());

    assertTrue(rule.identifier().matches("[0-9a-zA-Z]{11}"), rule.identifier());
    assertEquals(rule, rules.get(at(T0), REGION, rule.identifier()));
  }

  @Test
  void anIdentifierTakenInTheRegionIsNeverReused() {
    RetentionRule first =
        new RetentionRules(new RuleIds(new Random(42))).create(at(T0), regionLevel());

    // Same seed: the first identifier it draws is taken, so it must draw again.
    RetentionRule second =
        new RetentionRules(new RuleIds(new Random(42))).create(at(T0), regionLevel());

    assertNotEquals(first.identifier(), second.identifier());
    assertEquals(2, repository.countInRegion(REGION));
  }

  @Test
  void getOfAnUnknownOrMalformedRule() {
    RetentionRule rule = rules.create(at(T0), regionLevel());

    assertEquals(Reason.RULE_NOT_FOUND, refusal(() -> rules.get(at(T0), REGION, "00000000000")));
    assertEquals(
        Reason.RULE_NOT_FOUND, refusal(() -> rules.get(at(T0), "us-east-1", rule.identifier())));
    RejectedException malformed =
        assertThrows(RejectedException.class, () -> rules.get(at(T0), REGION, "nope"));
    assertEquals(
        List.of(new FieldViolation("identifier", "must be 11 characters of [0-9a-zA-Z]")),
        malformed.rejection().violations());
  }

  @Test
  void the251stRuleOfARegionIsRefusedButOtherRegionsAreNotAffected() {
    for (int i = 0; i < 250; i++) {
      rules.create(at(T0), regionLevel());
    }

    assertRefusedWithoutWriting(
        Reason.SERVICE_QUOTA_EXCEEDED, () -> rules.create(at(T0), regionLevel()));
    assertEquals(250, repository.countInRegion(REGION));
    rules.create(
        at(T0),
        new CreateRuleCommand(
            "us-east-1", "", ResourceType.SNAPSHOT, 1, List.of(), List.of(), null));
  }

  @Test
  void deletingARuleFreesItsQuotaSlot() {
    List<RetentionRule> created = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      created.add(rules.create(at(T0), regionLevel()));
    }
    rules.delete(at(T0), REGION, created.get(0).identifier());

    RetentionRule replacement = rules.create(at(T0), regionLevel());

    assertEquals(replacement, rules.get(at(T0), REGION, replacement.identifier()));
    assertEquals(250, repository.countInRegion(REGION));
  }

  @Test
  void aLockedRuleCannotBeUpdatedOrDeletedUntilItsDelayHasRunOut() {
    RetentionRule rule = rules.create(at(T0), lockedRegionLevel(7));
    String id = rule.identifier();
    UpdateRuleCommand update =
        new UpdateRuleCommand(
            REGION, id, List.of(UpdateRuleCommand.DESCRIPTION), "changed", 0, List.of(), List.of());

    assertRefusedWithoutWriting(Reason.INVALID_RULE_STATE, () -> rules.update(at(days(1)), update));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE, () -> rules.delete(at(days(1)), REGION, id));

    RetentionRule pending = rules.unlock(at(days(2)), new UnlockRuleCommand(REGION, id));
    assertEquals(Optional.of(days(9)), pending.lockEndTimeAt(days(2)));
    assertEquals(pending, rules.get(at(days(2)), REGION, id));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE, () -> rules.update(at(days(9).minusMillis(1)), update));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE, () -> rules.delete(at(days(9).minusMillis(1)), REGION, id));

    assertEquals("changed", rules.update(at(days(9)), update).description());
    assertEquals("changed", rules.delete(at(days(9)), REGION, id).description());
    assertEquals(Reason.RULE_NOT_FOUND, refusal(() -> rules.get(at(days(9)), REGION, id)));
  }

  @Test
  void relockingWithTheSameDelayWritesNothing() {
    RetentionRule rule = rules.create(at(T0), lockedRegionLevel(7));
    int writes = repository.writes();

    RetentionRule again =
        rules.lock(
            at(days(1)), new LockRuleCommand(REGION, rule.identifier(), new LockConfiguration(7)));

    assertEquals(rule, again);
    assertEquals(writes, repository.writes());
  }

  @Test
  void lockAndUnlockAreStored() {
    RetentionRule rule = rules.create(at(T0), regionLevel());
    String id = rule.identifier();

    rules.lock(at(days(1)), new LockRuleCommand(REGION, id, new LockConfiguration(10)));
    assertEquals(RuleLockState.LOCKED, rules.get(at(days(500)), REGION, id).lockStateAt(days(500)));
    rules.unlock(at(days(2)), new UnlockRuleCommand(REGION, id));

    RetentionRule stored = rules.get(at(days(3)), REGION, id);
    assertEquals(RuleLockState.PENDING_UNLOCK, stored.lockStateAt(days(3)));
    assertEquals(RuleLockState.UNLOCKED, stored.lockStateAt(days(12)));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE,
        () -> rules.unlock(at(days(3)), new UnlockRuleCommand(REGION, id)));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE,
        () -> rules.lock(at(days(3)), new LockRuleCommand(REGION, id, new LockConfiguration(11))));
  }

  @Test
  void malformedRequestsAreRefusedBeforeTheRuleIsLookedUp() {
    LockRuleCommand noConfiguration = new LockRuleCommand(REGION, "00000000000", null);
    UpdateRuleCommand noMask =
        new UpdateRuleCommand(REGION, "00000000000", List.of(), "", 0, List.of(), List.of());

    assertRefusedWithoutWriting(
        Reason.INVALID_PARAMETER, () -> rules.lock(at(T0), noConfiguration));
    assertRefusedWithoutWriting(Reason.INVALID_PARAMETER, () -> rules.update(at(T0), noMask));
    assertRefusedWithoutWriting(
        Reason.RULE_NOT_FOUND,
        () ->
            rules.lock(
                at(T0), new LockRuleCommand(REGION, "00000000000", new LockConfiguration(7))));
    assertRefusedWithoutWriting(
        Reason.RULE_NOT_FOUND,
        () -> rules.unlock(at(T0), new UnlockRuleCommand(REGION, "00000000000")));
    assertRefusedWithoutWriting(
        Reason.RULE_NOT_FOUND, () -> rules.delete(at(T0), REGION, "00000000000"));
  }

  @Test
  void lockRuleOnATagLevelRuleIsRefused() {
    RetentionRule rule = rules.create(at(T0), tagLevel(PROD));

    assertRefusedWithoutWriting(
        Reason.RULE_NOT_LOCKABLE,
        () ->
            rules.lock(
                at(T0), new LockRuleCommand(REGION, rule.identifier(), new LockConfiguration(7))));
  }

  @Test
  void listPagesThroughARegionInIdentifierOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(rules.create(at(T0), regionLevel()).identifier());
    }
    rules.create(
        at(T0),
        new CreateRuleCommand(
            "us-east-1", "", ResourceType.SNAPSHOT, 1, List.of(), List.of(), null));
    ids.sort(null);

    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      Page<RetentionRule> page =
          rules.list(at(T0), new ListRulesQuery(REGION, null, null, List.of(), 3, token));
      page.items().forEach(rule -> seen.add(rule.identifier()));
      token = page.nextPageToken();
      pages++;
    } while (!token.isEmpty());

    assertEquals(ids, seen);
    assertEquals(3, pages);
  }

  @Test
  void anExactlyFullLastPageHasNoNextToken() {
    for (int i = 0; i < 3; i++) {
      rules.create(at(T0), regionLevel());
    }

    Page<RetentionRule> page =
        rules.list(at(T0), new ListRulesQuery(REGION, null, null, List.of(), 3, ""));

    assertEquals(3, page.items().size());
    assertEquals("", page.nextPageToken());
  }

  @Test
  void listFiltersByTypeLockStateAtNowAndTags() {
    RetentionRule never = rules.create(at(T0), regionLevel());
    RetentionRule locked = rules.create(at(T0), lockedRegionLevel(7));
    RetentionRule unlocking = rules.create(at(T0), lockedRegionLevel(7));
    rules.unlock(at(T0), new UnlockRuleCommand(REGION, unlocking.identifier()));
    RetentionRule prodAndDev = rules.create(at(T0), tagLevel(PROD, DEV));
    RetentionRule images =
        rules.create(
            at(T0),
            new CreateRuleCommand(
                REGION, "", ResourceType.IMAGE, 1, List.of(PROD), List.of(), null));

    assertEquals(List.of(images.identifier()), listed(T0, ResourceType.IMAGE, null, List.of()));
    assertEquals(
        sorted(never, prodAndDev, images), listed(T0, null, RuleLockState.NEVER_LOCKED, List.of()));
    assertEquals(List.of(locked.identifier()), listed(T0, null, RuleLockState.LOCKED, List.of()));
    assertEquals(
        List.of(unlocking.identifier()),
        listed(days(7).minusMillis(1), null, RuleLockState.PENDING_UNLOCK, List.of()));
    assertEquals(List.of(), listed(days(7), null, RuleLockState.PENDING_UNLOCK, List.of()));
    assertEquals(
        List.of(unlocking.identifier()), listed(days(7), null, RuleLockState.UNLOCKED, List.of()));
    assertEquals(sorted(prodAndDev, images), listed(T0, null, null, List.of(PROD)));
    assertEquals(
        List.of(prodAndDev.identifier()),
        listed(T0, ResourceType.SNAPSHOT, null, List.of(DEV, PROD)));
  }

  @Test
  void aPageTokenIsBoundToItsFilters() {
    for (int i = 0; i < 3; i++) {
      rules.create(at(T0), regionLevel());
    }
    String token =
        rules
            .list(at(T0), new ListRulesQuery(REGION, null, null, List.of(), 1, ""))
            .nextPageToken();

    assertEquals(
        Reason.INVALID_PAGE_TOKEN,
        refusal(
            () ->
                rules.list(
                    at(T0),
                    new ListRulesQuery(REGION, ResourceType.SNAPSHOT, null, List.of(), 1, token))));
    assertEquals(
        Reason.INVALID_PAGE_TOKEN,
        refusal(
            () ->
                rules.list(
                    at(T0), new ListRulesQuery(REGION, null, null, List.of(), 1, "garbage"))));
    assertEquals(
        Reason.INVALID_PARAMETER,
        refusal(
            () -> rules.list(at(T0), new ListRulesQuery(REGION, null, null, List.of(), -1, ""))));
    assertEquals(
        1,
        rules
            .list(at(T0), new ListRulesQuery(REGION, null, null, List.of(), 1, token))
            .items()
            .size());
  }

  private List<String> listed(
      Instant now, ResourceType type, RuleLockState state, List<ResourceTag> tags) {
    return rules
        .list(at(now), new ListRulesQuery(REGION, type, state, tags, 0, ""))
        .items()
        .stream()
        .map(RetentionRule::identifier)
        .toList();
  }

  private static List<String> sorted(RetentionRule... rules) {
    return Arrays.stream(rules).map(RetentionRule::identifier).sorted().toList();
  }
}
