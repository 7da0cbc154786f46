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

import io.lockctl.core.audit.AuditLogRepository;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.testing.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The shell: load, decide, store; a refusal writes nothing. Runs on the in-memory store, each call
 * in a transaction of its own at the instant the test names, counting the writes it makes.
 */
class RetentionRulesTest {
  private final World world = World.inMemory(T0);
  private final RetentionRules rules =
      new RetentionRules(new RandomIds(new Random(7)), new Pages(new byte[32]));
  private int writes;

  /** Runs {@code work} in a write transaction whose compliance time is {@code now}. */
  private <T> T at(Instant now, Function<RuleWrites, T> work) {
    return world.write(tx -> work.apply(new AtInstant(tx, now)));
  }

  private RetentionRule create(RuleWrites tx, CreateRuleCommand command) {
    return rules.create(tx, command, rules.unusedIdentifier(tx, command.regionId()));
  }

  private List<RetentionRule> all() {
    return world.read(
        tx -> tx.rules().list(new RuleQuery(REGION, null, null, List.of(), null, 1000, T0)));
  }

  private int countInRegion(String regionId) {
    return world.read(tx -> tx.rules().countInRegion(regionId));
  }

  /** A transaction seen at another instant, whose rule writes are counted. */
  private final class AtInstant implements RuleWrites {
    private final RuleWrites tx;
    private final Instant now;

    AtInstant(RuleWrites tx, Instant now) {
      this.tx = tx;
      this.now = now;
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public IdempotencyRepository idempotency() {
      return tx.idempotency();
    }

    @Override
    public AuditLogRepository auditLog() {
      return tx.auditLog();
    }

    @Override
    public RuleTagRepository ruleTags() {
      return tx.ruleTags();
    }

    @Override
    public RuleRepository rules() {
      RuleRepository stored = tx.rules();
      return new RuleRepository() {
        @Override
        public Optional<RetentionRule> find(String regionId, String identifier) {
          return stored.find(regionId, identifier);
        }

        @Override
        public int countInRegion(String regionId) {
          return stored.countInRegion(regionId);
        }

        @Override
        public List<RetentionRule> list(RuleQuery query) {
          return stored.list(query);
        }

        @Override
        public List<RetentionRule> listForRegion(String regionId, ResourceType resourceType) {
          return stored.listForRegion(regionId, resourceType);
        }

        @Override
        public void insert(RetentionRule rule) {
          writes++;
          stored.insert(rule);
        }

        @Override
        public void update(RetentionRule rule) {
          writes++;
          stored.update(rule);
        }

        @Override
        public void delete(String regionId, String identifier) {
          writes++;
          stored.delete(regionId, identifier);
        }
      };
    }
  }

  private static Reason refusal(Executable call) {
    return assertThrows(RejectedException.class, call).reason();
  }

  /**
   * Asserts that {@code call} is refused with {@code reason} and leaves the repository as it was.
   */
  private void assertRefusedWithoutWriting(Reason reason, Executable call) {
    List<RetentionRule> before = all();
    int writesBefore = writes;
    assertEquals(reason, refusal(call));
    assertEquals(before, all());
    assertEquals(writesBefore, writes);
  }

  @Test
  void createGeneratesAnIdentifierAndStoresTheRule() {
    RetentionRule rule = at(T0, tx -> create(tx, regionLevel()));

    assertTrue(rule.identifier().matches("[0-9a-zA-Z]{11}"), rule.identifier());
    assertEquals(rule, at(T0, tx -> rules.get(tx, REGION, rule.identifier())));
  }

  @Test
  void anIdentifierTakenInTheRegionIsNeverReused() {
    RetentionRule first = at(T0, tx -> sameDraws(tx));

    // Same seed: the first identifier it draws is taken, so it must draw again.
    RetentionRule second = at(T0, tx -> sameDraws(tx));

    assertNotEquals(first.identifier(), second.identifier());
    assertEquals(2, countInRegion(REGION));
  }

  /** A rule whose identifier comes from a generator seeded with 42, like every other call's. */
  private RetentionRule sameDraws(RuleWrites tx) {
    RetentionRules seeded =
        new RetentionRules(new RandomIds(new Random(42)), new Pages(new byte[32]));
    return seeded.create(tx, regionLevel(), seeded.unusedIdentifier(tx, REGION));
  }

  @Test
  void getOfAnUnknownOrMalformedRule() {
    RetentionRule rule = at(T0, tx -> create(tx, regionLevel()));

    assertEquals(
        Reason.RULE_NOT_FOUND, refusal(() -> at(T0, tx -> rules.get(tx, REGION, "00000000000"))));
    assertEquals(
        Reason.RULE_NOT_FOUND,
        refusal(() -> at(T0, tx -> rules.get(tx, "us-east-1", rule.identifier()))));
    RejectedException malformed =
        assertThrows(RejectedException.class, () -> at(T0, tx -> rules.get(tx, REGION, "nope")));
    assertEquals(
        List.of(new FieldViolation("identifier", "must be 11 characters of [0-9a-zA-Z]")),
        malformed.rejection().violations());
  }

  @Test
  void the251stRuleOfARegionIsRefusedButOtherRegionsAreNotAffected() {
    for (int i = 0; i < 250; i++) {
      at(T0, tx -> create(tx, regionLevel()));
    }

    assertRefusedWithoutWriting(
        Reason.SERVICE_QUOTA_EXCEEDED, () -> at(T0, tx -> create(tx, regionLevel())));
    assertEquals(250, countInRegion(REGION));
    at(
        T0,
        tx ->
            create(
                tx,
                new CreateRuleCommand(
                    "us-east-1", "", ResourceType.SNAPSHOT, 1, List.of(), List.of(), null)));
  }

  @Test
  void deletingARuleFreesItsQuotaSlot() {
    List<RetentionRule> created = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      created.add(at(T0, tx -> create(tx, regionLevel())));
    }
    at(T0, tx -> rules.delete(tx, REGION, created.get(0).identifier()));

    RetentionRule replacement = at(T0, tx -> create(tx, regionLevel()));

    assertEquals(replacement, at(T0, tx -> rules.get(tx, REGION, replacement.identifier())));
    assertEquals(250, countInRegion(REGION));
  }

  @Test
  void aLockedRuleCannotBeUpdatedOrDeletedUntilItsDelayHasRunOut() {
    RetentionRule rule = at(T0, tx -> create(tx, lockedRegionLevel(7)));
    String id = rule.identifier();
    UpdateRuleCommand update =
        new UpdateRuleCommand(
            REGION, id, List.of(UpdateRuleCommand.DESCRIPTION), "changed", 0, List.of(), List.of());

    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE, () -> at(days(1), tx -> rules.update(tx, update)));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE, () -> at(days(1), tx -> rules.delete(tx, REGION, id)));

    RetentionRule pending = at(days(2), tx -> rules.unlock(tx, new UnlockRuleCommand(REGION, id)));
    assertEquals(Optional.of(days(9)), pending.lockEndTimeAt(days(2)));
    assertEquals(pending, at(days(2), tx -> rules.get(tx, REGION, id)));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE,
        () -> at(days(9).minusMillis(1), tx -> rules.update(tx, update)));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE,
        () -> at(days(9).minusMillis(1), tx -> rules.delete(tx, REGION, id)));

    assertEquals("changed", at(days(9), tx -> rules.update(tx, update)).description());
    assertEquals("changed", at(days(9), tx -> rules.delete(tx, REGION, id)).description());
    assertEquals(
        Reason.RULE_NOT_FOUND, refusal(() -> at(days(9), tx -> rules.get(tx, REGION, id))));
  }

  @Test
  void relockingWithTheSameDelayWritesNothing() {
    RetentionRule rule = at(T0, tx -> create(tx, lockedRegionLevel(7)));
    int writesBefore = writes;

    RetentionRule again =
        at(
            days(1),
            tx ->
                rules.lock(
                    tx, new LockRuleCommand(REGION, rule.identifier(), new LockConfiguration(7))));

    assertEquals(rule, again);
    assertEquals(writesBefore, writes);
  }

  @Test
  void lockAndUnlockAreStored() {
    RetentionRule rule = at(T0, tx -> create(tx, regionLevel()));
    String id = rule.identifier();

    at(days(1), tx -> rules.lock(tx, new LockRuleCommand(REGION, id, new LockConfiguration(10))));
    assertEquals(
        RuleLockState.LOCKED,
        at(days(500), tx -> rules.get(tx, REGION, id)).lockStateAt(days(500)));
    at(days(2), tx -> rules.unlock(tx, new UnlockRuleCommand(REGION, id)));

    RetentionRule stored = at(days(3), tx -> rules.get(tx, REGION, id));
    assertEquals(RuleLockState.PENDING_UNLOCK, stored.lockStateAt(days(3)));
    assertEquals(RuleLockState.UNLOCKED, stored.lockStateAt(days(12)));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE,
        () -> at(days(3), tx -> rules.unlock(tx, new UnlockRuleCommand(REGION, id))));
    assertRefusedWithoutWriting(
        Reason.INVALID_RULE_STATE,
        () ->
            at(
                days(3),
                tx -> rules.lock(tx, new LockRuleCommand(REGION, id, new LockConfiguration(11)))));
  }

  @Test
  void malformedRequestsAreRefusedBeforeTheRuleIsLookedUp() {
    LockRuleCommand noConfiguration = new LockRuleCommand(REGION, "00000000000", null);
    UpdateRuleCommand noMask =
        new UpdateRuleCommand(REGION, "00000000000", List.of(), "", 0, List.of(), List.of());

    assertRefusedWithoutWriting(
        Reason.INVALID_PARAMETER, () -> at(T0, tx -> rules.lock(tx, noConfiguration)));
    assertRefusedWithoutWriting(
        Reason.INVALID_PARAMETER, () -> at(T0, tx -> rules.update(tx, noMask)));
    assertRefusedWithoutWriting(
        Reason.RULE_NOT_FOUND,
        () ->
            at(
                T0,
                tx ->
                    rules.lock(
                        tx, new LockRuleCommand(REGION, "00000000000", new LockConfiguration(7)))));
    assertRefusedWithoutWriting(
        Reason.RULE_NOT_FOUND,
        () -> at(T0, tx -> rules.unlock(tx, new UnlockRuleCommand(REGION, "00000000000"))));
    assertRefusedWithoutWriting(
        Reason.RULE_NOT_FOUND, () -> at(T0, tx -> rules.delete(tx, REGION, "00000000000")));
  }

  @Test
  void lockRuleOnATagLevelRuleIsRefused() {
    RetentionRule rule = at(T0, tx -> create(tx, tagLevel(PROD)));

    assertRefusedWithoutWriting(
        Reason.RULE_NOT_LOCKABLE,
        () ->
            at(
                T0,
                tx ->
                    rules.lock(
                        tx,
                        new LockRuleCommand(REGION, rule.identifier(), new LockConfiguration(7)))));
  }

  @Test
  void listPagesThroughARegionInIdentifierOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(at(T0, tx -> create(tx, regionLevel())).identifier());
    }
    at(
        T0,
        tx ->
            create(
                tx,
                new CreateRuleCommand(
                    "us-east-1", "", ResourceType.SNAPSHOT, 1, List.of(), List.of(), null)));
    ids.sort(null);

    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      String after = token;
      Page<RetentionRule> page =
          at(T0, tx -> rules.list(tx, new ListRulesQuery(REGION, null, null, List.of(), 3, after)));
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
      at(T0, tx -> create(tx, regionLevel()));
    }

    Page<RetentionRule> page =
        at(T0, tx -> rules.list(tx, new ListRulesQuery(REGION, null, null, List.of(), 3, "")));

    assertEquals(3, page.items().size());
    assertEquals("", page.nextPageToken());
  }

  @Test
  void listFiltersByTypeLockStateAtNowAndTags() {
    RetentionRule never = at(T0, tx -> create(tx, regionLevel()));
    RetentionRule locked = at(T0, tx -> create(tx, lockedRegionLevel(7)));
    RetentionRule unlocking = at(T0, tx -> create(tx, lockedRegionLevel(7)));
    at(T0, tx -> rules.unlock(tx, new UnlockRuleCommand(REGION, unlocking.identifier())));
    RetentionRule prodAndDev = at(T0, tx -> create(tx, tagLevel(PROD, DEV)));
    RetentionRule images =
        at(
            T0,
            tx ->
                create(
                    tx,
                    new CreateRuleCommand(
                        REGION, "", ResourceType.IMAGE, 1, List.of(PROD), List.of(), null)));

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
      at(T0, tx -> create(tx, regionLevel()));
    }
    String token =
        at(T0, tx -> rules.list(tx, new ListRulesQuery(REGION, null, null, List.of(), 1, "")))
            .nextPageToken();

    assertEquals(
        Reason.INVALID_PAGE_TOKEN,
        refusal(
            () ->
                at(
                    T0,
                    tx ->
                        rules.list(
                            tx,
                            new ListRulesQuery(
                                REGION, ResourceType.SNAPSHOT, null, List.of(), 1, token)))));
    assertEquals(
        Reason.INVALID_PAGE_TOKEN,
        refusal(
            () ->
                at(
                    T0,
                    tx ->
                        rules.list(
                            tx, new ListRulesQuery(REGION, null, null, List.of(), 1, "garbage")))));
    assertEquals(
        Reason.INVALID_PARAMETER,
        refusal(
            () ->
                at(
                    T0,
                    tx ->
                        rules.list(
                            tx, new ListRulesQuery(REGION, null, null, List.of(), -1, "")))));
    assertEquals(
        1,
        at(T0, tx -> rules.list(tx, new ListRulesQuery(REGION, null, null, List.of(), 1, token)))
            .items()
            .size());
  }

  private List<String> listed(
      Instant now, ResourceType type, RuleLockState state, List<ResourceTag> tags) {
    return at(now, tx -> rules.list(tx, new ListRulesQuery(REGION, type, state, tags, 0, "")))
        .items()
        .stream()
        .map(RetentionRule::identifier)
        .toList();
  }

  private static List<String> sorted(RetentionRule... rules) {
    return Arrays.stream(rules).map(RetentionRule::identifier).sorted().toList();
  }
}
