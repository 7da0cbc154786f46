package io.lockctl.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of create / update / delete / lock / unlock and time steps, run through {@link
 * RuleDecisions} and through the plain {@link RuleModel}. After every step the outcomes and every
 * rule's lock state must agree, and no update or delete of a rule that is LOCKED or PENDING_UNLOCK
 * at that instant may ever have succeeded.
 */
class RuleLifecycleProperties {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final String REGION = "cn-hangzhou";
  private static final ResourceTag TAG = new ResourceTag("env", "prod");
  private static final ResourceTag EXCLUSION = new ResourceTag("backup", "none");

  /** One step of a scenario. Rule indexes pick among the live rules, modulo their number. */
  sealed interface Step {}

  record Create(boolean tagLevel, boolean exclusions, Integer lockDelay) implements Step {}

  /** Sets (or clears) the tag-level tags and the exclusion tags through the update mask. */
  record Update(int rule, boolean tagLevel, boolean exclusions) implements Step {}

  record Delete(int rule) implements Step {}

  record Lock(int rule, int delay) implements Step {}

  record Unlock(int rule) implements Step {}

  record Advance(Duration by) implements Step {}

  /** Jumps to a pending rule's lock end time, give or take a millisecond: the boundary. */
  record AdvanceToLockEnd(int rule, long offsetMillis) implements Step {}

  @Property(tries = 500)
  void decisionsAgreeWithTheModelAndNeverLetALockedRuleChange(
      @ForAll("steps") @Size(min = 1, max = 80) List<Step> steps) {
    Scenario scenario = new Scenario();
    for (Step step : steps) {
      scenario.apply(step);
      scenario.checkAgreement(step);
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> rule = Arbitraries.integers().between(0, 20);
    // Few distinct delays, so that "the same delay" comes up as often as "another delay".
    Arbitrary<Integer> delay = Arbitraries.of(7, 8, 30);
    Arbitrary<Step> create =
        Combinators.combine(
                Arbitraries.of(true, false), Arbitraries.of(true, false), delay.injectNull(0.5))
            .as(Create::new);
    Arbitrary<Step> update =
        Combinators.combine(rule, Arbitraries.of(true, false), Arbitraries.of(true, false))
            .as(Update::new);
    Arbitrary<Step> delete = rule.map(Delete::new);
    Arbitrary<Step> lock = Combinators.combine(rule, delay).as(Lock::new);
    Arbitrary<Step> unlock = rule.map(Unlock::new);
    Arbitrary<Step> advance =
        Arbitraries.of(
                Duration.ofMillis(1),
                Duration.ofHours(5),
                Duration.ofDays(1),
                Duration.ofDays(7),
                Duration.ofDays(8),
                Duration.ofDays(30))
            .map(Advance::new);
    Arbitrary<Step> toLockEnd =
        Combinators.combine(rule, Arbitraries.of(-1L, 0L, 1L)).as(AdvanceToLockEnd::new);
    Arbitrary<Step> anyStep =
        Arbitraries.frequencyOf(
            Tuple.of(3, create),
            Tuple.of(3, update),
            Tuple.of(2, delete),
            Tuple.of(4, lock),
            Tuple.of(4, unlock),
            Tuple.of(3, advance),
            Tuple.of(2, toLockEnd));
    return anyStep.list();
  }

  /** The real rules (by decisions) and the model side by side, in creation order. */
  private static final class Scenario {
    private final Map<String, RetentionRule> rules = new LinkedHashMap<>();
    private final Map<String, RuleModel> models = new LinkedHashMap<>();
    private Instant now = START;
    private int created;
    private Optional<Reason> lastOutcome = Optional.empty();
    private Optional<Reason> lastExpected = Optional.empty();

    void apply(Step step) {
      if (step instanceof Create create) {
        createRule(create);
      } else if (step instanceof Advance advance) {
        now = now.plus(advance.by());
        lastOutcome = lastExpected = Optional.empty();
      } else if (step instanceof AdvanceToLockEnd jump) {
        pick(jump.rule())
            .flatMap(id -> models.get(id).pendingUnlockEnd(now))
            .map(end -> end.plusMillis(jump.offsetMillis()))
            .filter(target -> target.isAfter(now))
            .ifPresent(target -> now = target);
        lastOutcome = lastExpected = Optional.empty();
      } else {
        pick(ruleOf(step)).ifPresent(id -> changeRule(id, step));
      }
    }

    void checkAgreement(Step step) {
      assertEquals(lastExpected, lastOutcome, () -> "outcome of " + step + " at " + now);
      assertEquals(models.keySet(), rules.keySet());
      for (Map.Entry<String, RetentionRule> entry : rules.entrySet()) {
        RetentionRule rule = entry.getValue();
        RuleModel model = models.get(entry.getKey());
        String where = entry.getKey() + " after " + step + " at " + now;
        assertEquals(model.state(now), rule.lockStateAt(now), where);
        assertEquals(model.pendingUnlockEnd(now), rule.lockEndTimeAt(now), where);
        assertEquals(
            model.delayDays(),
            rule.currentLockConfiguration().map(LockConfiguration::unlockDelayDays),
            where);
        assertEquals(model.tagLevel, rule.isTagLevel(), where);
        assertEquals(model.exclusions, !rule.excludeResourceTags().isEmpty(), where);
        if (model.everLocked()) {
          assertNotEquals(RuleLockState.NEVER_LOCKED, rule.lockStateAt(now), where);
        }
      }
    }

    private void createRule(Create create) {
      String id = String.format("R%010d", created++);
      CreateRuleCommand command =
          new CreateRuleCommand(
              REGION,
              "",
              ResourceType.SNAPSHOT,
              30,
              create.tagLevel() ? List.of(TAG) : List.of(),
              create.exclusions() ? List.of(EXCLUSION) : List.of(),
              create.lockDelay() == null ? null : new LockConfiguration(create.lockDelay()));
      Decision<RetentionRule> decision = RuleDecisions.create(command, id, rules.size(), now);
      lastExpected =
          RuleModel.refusalOfCreate(create.tagLevel(), create.exclusions(), create.lockDelay());
      lastOutcome = outcome(decision);
      if (decision instanceof Decision.Accepted<RetentionRule> accepted) {
        rules.put(id, accepted.value());
        models.put(
            id, RuleModel.created(create.tagLevel(), create.exclusions(), create.lockDelay()));
      }
    }

    private void changeRule(String id, Step step) {
      RetentionRule before = rules.get(id);
      RuleModel model = models.get(id);
      Decision<RetentionRule> decision;
      if (step instanceof Update update) {
        UpdateRuleCommand command =
            new UpdateRuleCommand(
                REGION,
                id,
                List.of(UpdateRuleCommand.RESOURCE_TAGS, UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS),
                "",
                0,
                update.tagLevel() ? List.of(TAG) : List.of(),
                update.exclusions() ? List.of(EXCLUSION) : List.of());
        decision = RuleDecisions.update(before, command, now);
        lastExpected = model.update(update.tagLevel(), update.exclusions(), now);
      } else if (step instanceof Delete) {
        decision = RuleDecisions.delete(before, now);
        lastExpected = model.delete(now);
      } else if (step instanceof Lock lock) {
        decision =
            RuleDecisions.lock(
                before, new LockRuleCommand(REGION, id, new LockConfiguration(lock.delay())), now);
        lastExpected = model.lock(lock.delay(), now);
      } else {
        decision = RuleDecisions.unlock(before, now);
        lastExpected = model.unlock(now);
      }
      lastOutcome = outcome(decision);
      if (decision instanceof Decision.Accepted<RetentionRule> accepted) {
        if (step instanceof Update || step instanceof Delete) {
          // The safety property itself, independent of the model.
          assertFalse(
              before.lockStateAt(now).forbidsChanges(),
              () ->
                  step + " succeeded on a rule that is " + before.lockStateAt(now) + " at " + now);
        }
        if (step instanceof Delete) {
          rules.remove(id);
          models.remove(id);
        } else {
          rules.put(id, accepted.value());
        }
      }
    }

    private Optional<String> pick(int index) {
      if (rules.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ArrayList<>(rules.keySet()).get(index % rules.size()));
    }

    private static int ruleOf(Step step) {
      if (step instanceof Update update) {
        return update.rule();
      }
      if (step instanceof Delete delete) {
        return delete.rule();
      }
      if (step instanceof Lock lock) {
        return lock.rule();
      }
      return ((Unlock) step).rule();
    }

    private static Optional<Reason> outcome(Decision<RetentionRule> decision) {
      return decision instanceof Decision.Rejected<RetentionRule> rejected
          ? Optional.of(rejected.rejection().reason())
          : Optional.empty();
    }
  }
}
