package io.lockctl.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.paging.Page;
import io.lockctl.core.replication.SnapshotLockKeys;
import io.lockctl.core.replication.UnlockChallenges;
import io.lockctl.core.rule.CreateRuleCommand;
import io.lockctl.core.rule.LockConfiguration;
import io.lockctl.core.rule.LockRuleCommand;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RetentionRules;
import io.lockctl.core.rule.RuleIds;
import io.lockctl.core.rule.UnlockRuleCommand;
import io.lockctl.core.rule.UpdateRuleCommand;
import io.lockctl.core.store.WriteTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random histories of rule calls (create, update, delete, lock, unlock), snapshot calls (register,
 * delete, restore, lock, unlock) and time steps, run through SnapshotCatalog, SnapshotLocking and
 * RetentionRules on the real SQLite store and through {@link RecycleBinModel}. After every step:
 *
 * <ul>
 *   <li>both give the same outcome (a delete's rule ids and retain_until included), and readers see
 *       the same snapshots, the same recycle bin and the same rules with the same lock states;
 *   <li>a snapshot that rules matched when it was deleted is readable (in the bin, or restored)
 *       until its retain_until, whatever happened to the rules since;
 *   <li>no UpdateRule or DeleteRule succeeded on a rule that was LOCKED or PENDING_UNLOCK at the
 *       instant of the call (checked on the service's own state, in the call's transaction).
 * </ul>
 */
class RecycleBinProperties {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final String CREATED = "CREATED ";
  private static final String NO_RULE = "NO_RULE";
  private static final String CHANGED_WHILE_LOCKED = "CHANGED_WHILE_LOCKED";
  private static final int IDS = 3;
  private static final ResourceTag PROD = new ResourceTag("env", "prod");
  private static final ResourceTag TEAM = new ResourceTag("team", "a");
  private static final ResourceTag NO_BACKUP = new ResourceTag("backup", "none");
  private static final List<List<ResourceTag>> RULE_TAGS =
      List.of(List.of(), List.of(PROD), List.of(TEAM, PROD));
  private static final List<Map<String, String>> SNAPSHOT_TAGS =
      List.of(
          Map.of(),
          Map.of("env", "prod"),
          Map.of("env", "dev"),
          Map.of("env", "prod", "backup", "none"),
          Map.of("backup", "none", "team", "a"));

  private StoreHarness store;
  private final SnapshotCatalog catalog = new SnapshotCatalog();
  private final SnapshotLocking locking =
      new SnapshotLocking(new SnapshotLockKeys(new UnlockChallenges(new byte[32])));
  private int tryNumber;

  /** One store for all tries (each try uses a region of its own), as opening one takes time. */
  @BeforeProperty
  void openStore() {
    store = new StoreHarness(START);
  }

  @AfterProperty
  void closeStore() {
    store.close();
  }

  sealed interface Step {}

  record CreateRule(ResourceType type, int tags, boolean exclusions, int days, Integer lockDelay)
      implements Step {}

  record UpdateRule(int rule, int tags, boolean exclusions, int days) implements Step {}

  record DeleteRule(int rule) implements Step {}

  record LockRule(int rule, int delay) implements Step {}

  record UnlockRule(int rule) implements Step {}

  record Register(int id, int tags) implements Step {}

  record DeleteSnapshot(int id) implements Step {}

  record Restore(int id) implements Step {}

  record LockSnapshot(int id, LockMode mode, int days) implements Step {}

  record UnlockSnapshot(int id) implements Step {}

  record Advance(Duration by) implements Step {}

  /** Jumps to a binned snapshot's retain_until, give or take a millisecond: the boundary. */
  record AdvanceToRetainUntil(int id, long offsetMillis) implements Step {}

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void serviceAgreesWithTheModelAndNothingRetainedIsLost(@ForAll("histories") List<Step> history) {
    tryNumber++;
    Run run = new Run("r" + tryNumber, new RetentionRules(new RuleIds(new Random(tryNumber))));
    // Each try starts a day after the previous one ended: the clock never goes back.
    store.system.set(store.clock.now().plus(Duration.ofDays(1)));
    for (Step step : history) {
      run.step(step);
    }
  }

  /** One try: the service in its own region, the model, and the promises made so far. */
  private final class Run {
    private final String region;
    private final RetentionRules rules;
    private final RecycleBinModel model = new RecycleBinModel();

    /** Snapshot id -> the retain_until its delete promised, until it is restored. */
    private final Map<String, Instant> promised = new HashMap<>();

    Run(String region, RetentionRules rules) {
      this.region = region;
      this.rules = rules;
    }

    void step(Step step) {
      SettableClock system = store.system;
      if (step instanceof Advance advance) {
        system.advance(advance.by());
      } else if (step instanceof AdvanceToRetainUntil jump) {
        Instant until = model.retainUntil(id(jump.id()), system.instant());
        if (until != null && until.plusMillis(jump.offsetMillis()).isAfter(system.instant())) {
          system.set(until.plusMillis(jump.offsetMillis()));
        }
      }
      // The system clock only moves forwards here, so it is the compliance time of every call.
      Instant now = system.instant();
      // Picked before either side acts: a rule step names the same rule on both.
      String ruleId = ruleStepTarget(step);
      String expected = modelOutcome(step, ruleId, now);
      String actual = serviceOutcome(step, ruleId);
      assertNotEquals(
          CHANGED_WHILE_LOCKED, actual, () -> step + " changed a locked rule at " + now);
      // A created rule's identifier is the service's choice; the model only predicts "created".
      assertEquals(
          expected,
          actual.startsWith(CREATED) ? CREATED : actual,
          () -> "outcome of " + step + " at " + now);
      if (step instanceof CreateRule c && actual.startsWith(CREATED)) {
        model.addRule(
            actual.substring(CREATED.length()),
            c.type(),
            c.days(),
            RULE_TAGS.get(c.tags()),
            exclusions(c.exclusions()),
            c.lockDelay());
      } else if (step instanceof DeleteSnapshot d && expected.startsWith("BIN ")) {
        promised.put(id(d.id()), model.retainUntil(id(d.id()), now));
      } else if (step instanceof Restore r && expected.equals(RecycleBinModel.OK)) {
        promised.remove(id(r.id()));
      }
      checkReaders(step, now);
      checkPromises(now);
    }

    private String modelOutcome(Step step, String ruleId, Instant now) {
      if (step instanceof CreateRule c) {
        String outcome =
            RecycleBinModel.createRule(
                RULE_TAGS.get(c.tags()), exclusions(c.exclusions()), c.lockDelay());
        return outcome.equals(RecycleBinModel.OK) ? CREATED : outcome;
      } else if (isRuleChange(step) && ruleId == null) {
        return NO_RULE;
      } else if (step instanceof UpdateRule u) {
        return model.updateRule(
            ruleId, u.days(), RULE_TAGS.get(u.tags()), exclusions(u.exclusions()), now);
      } else if (step instanceof DeleteRule) {
        return model.deleteRule(ruleId, now);
      } else if (step instanceof LockRule l) {
        return model.lockRule(ruleId, l.delay(), now);
      } else if (step instanceof UnlockRule) {
        return model.unlockRule(ruleId, now);
      } else if (step instanceof Register r) {
        return model.register(id(r.id()), SNAPSHOT_TAGS.get(r.tags()), now);
      } else if (step instanceof DeleteSnapshot d) {
        return model.deleteSnapshot(id(d.id()), now);
      } else if (step instanceof Restore r) {
        return model.restore(id(r.id()), now);
      } else if (step instanceof LockSnapshot l) {
        return model.lockSnapshot(id(l.id()), l.mode(), l.days(), now);
      } else if (step instanceof UnlockSnapshot u) {
        return model.unlockSnapshot(id(u.id()), now);
      }
      return RecycleBinModel.OK;
    }

    /**
     * Runs the step on the service: OK, the created rule's identifier after {@link #CREATED} (so
     * the model can learn it; ids are names, not behaviour), a delete's result, or the refusal.
     */
    private String serviceOutcome(Step step, String ruleId) {
      if (isRuleChange(step) && ruleId == null) {
        return NO_RULE;
      }
      try {
        return store.write(tx -> apply(tx, step, ruleId));
      } catch (RejectedException refused) {
        return refused.reason().name();
      }
    }

    private String apply(WriteTransaction tx, Step step, String ruleId) {
      if (step instanceof CreateRule c) {
        return CREATED
            + rules
                .create(
                    tx,
                    new CreateRuleCommand(
                        region,
                        "",
                        c.type(),
                        c.days(),
                        RULE_TAGS.get(c.tags()),
                        exclusions(c.exclusions()),
                        c.lockDelay() == null ? null : new LockConfiguration(c.lockDelay())))
                .identifier();
      } else if (step instanceof UpdateRule u) {
        boolean wasLocked = lockedNow(tx, ruleId);
        rules.update(
            tx,
            new UpdateRuleCommand(
                region,
                ruleId,
                List.of(
                    UpdateRuleCommand.RETENTION_PERIOD_DAYS,
                    UpdateRuleCommand.RESOURCE_TAGS,
                    UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS),
                "",
                u.days(),
                RULE_TAGS.get(u.tags()),
                exclusions(u.exclusions())));
        return wasLocked ? CHANGED_WHILE_LOCKED : RecycleBinModel.OK;
      } else if (step instanceof DeleteRule) {
        boolean wasLocked = lockedNow(tx, ruleId);
        rules.delete(tx, region, ruleId);
        return wasLocked ? CHANGED_WHILE_LOCKED : RecycleBinModel.OK;
      } else if (step instanceof LockRule l) {
        rules.lock(tx, new LockRuleCommand(region, ruleId, new LockConfiguration(l.delay())));
      } else if (step instanceof UnlockRule) {
        rules.unlock(tx, new UnlockRuleCommand(region, ruleId));
      } else if (step instanceof Register r) {
        catalog.register(
            tx,
            new RegisterSnapshotCommand(
                region,
                id(r.id()),
                SnapshotStatus.ACCOMPLISHED,
                0,
                false,
                "",
                SNAPSHOT_TAGS.get(r.tags()),
                null));
      } else if (step instanceof DeleteSnapshot d) {
        DeletedSnapshot deleted = catalog.delete(tx, region, id(d.id()));
        return deleted.retainUntil() == null
            ? "GONE"
            : "BIN " + deleted.retainedByRuleIds() + " " + deleted.retainUntil();
      } else if (step instanceof Restore r) {
        catalog.restore(tx, region, id(r.id()));
      } else if (step instanceof LockSnapshot l) {
        locking.lock(
            tx,
            new LockSnapshotCommand(
                region, id(l.id()), l.mode(), new LockTerm.Days(l.days()), 0, ""));
      } else if (step instanceof UnlockSnapshot u) {
        locking.unlock(tx, new UnlockSnapshotCommand(region, id(u.id()), ""));
      }
      return RecycleBinModel.OK;
    }

    /**
     * Whether the rule is LOCKED or PENDING_UNLOCK by the service's own state, in the transaction
     * about to change it: the safety property, checked independently of the model.
     */
    private boolean lockedNow(WriteTransaction tx, String ruleId) {
      return tx.rules()
          .find(region, ruleId)
          .map(rule -> rule.lockStateAt(tx.now()).forbidsChanges())
          .orElse(false);
    }

    /** Readers of the service see what readers of the model see. */
    private void checkReaders(Step step, Instant now) {
      Map<String, RecycleBinModel.SnapshotView> snapshots = new TreeMap<>();
      Map<String, RecycleBinModel.RuleView> ruleViews = new TreeMap<>();
      List<String> bin = new ArrayList<>();
      store.read(
          tx -> {
            for (int n = 0; n < IDS; n++) {
              try {
                Snapshot s = catalog.get(tx, region, id(n));
                SnapshotLock lock = s.lock();
                snapshots.put(
                    id(n),
                    new RecycleBinModel.SnapshotView(
                        s.state(),
                        s.retainUntil(),
                        s.tags(),
                        lock == null ? null : lock.mode(),
                        lock == null ? null : lock.expireTime().orElseThrow()));
              } catch (RejectedException absent) {
                assertEquals(Reason.SNAPSHOT_NOT_FOUND, absent.reason());
              }
            }
            Page<Snapshot> binned =
                catalog.list(
                    tx,
                    new ListSnapshotsQuery(
                        region, SnapshotState.IN_RECYCLE_BIN, false, "", null, 0, ""));
            binned.items().forEach(s -> bin.add(s.snapshotId()));
            for (String ruleId : model.ruleIds()) {
              RetentionRule r = rules.get(tx, region, ruleId);
              ruleViews.put(
                  ruleId,
                  new RecycleBinModel.RuleView(
                      r.resourceType(),
                      r.retentionPeriodDays(),
                      r.isTagLevel(),
                      !r.excludeResourceTags().isEmpty(),
                      r.lockStateAt(tx.now())));
            }
            assertEquals(model.ruleIds().size(), tx.rules().countInRegion(region));
            return null;
          });
      Map<String, RecycleBinModel.SnapshotView> expected = model.snapshotViews(now);
      assertEquals(expected, snapshots, () -> "snapshots after " + step + " at " + now);
      assertEquals(
          expected.entrySet().stream()
              .filter(e -> e.getValue().state() == SnapshotState.IN_RECYCLE_BIN)
              .map(Map.Entry::getKey)
              .toList(),
          bin,
          () -> "recycle bin after " + step);
      assertEquals(model.ruleViews(now), ruleViews, () -> "rules after " + step + " at " + now);
    }

    /** A snapshot kept by rules is readable until its retain_until, on the service's reads. */
    private void checkPromises(Instant now) {
      promised.values().removeIf(until -> !now.isBefore(until));
      promised.forEach(
          (id, until) -> {
            Snapshot s = store.read(tx -> catalog.get(tx, region, id));
            assertEquals(SnapshotState.IN_RECYCLE_BIN, s.state(), () -> id + " left the bin");
            assertEquals(until, s.retainUntil(), () -> id + "'s retain_until moved");
          });
    }

    /** The rule a rule-changing step acts on: the model's live rules, by index modulo count. */
    private String ruleStepTarget(Step step) {
      Integer index = null;
      if (step instanceof UpdateRule u) {
        index = u.rule();
      } else if (step instanceof DeleteRule d) {
        index = d.rule();
      } else if (step instanceof LockRule l) {
        index = l.rule();
      } else if (step instanceof UnlockRule u) {
        index = u.rule();
      }
      return index == null ? null : rule(index);
    }

    private String rule(int index) {
      List<String> ids = model.ruleIds();
      return ids.isEmpty() ? null : ids.get(index % ids.size());
    }
  }

  private static boolean isRuleChange(Step step) {
    return step instanceof UpdateRule
        || step instanceof DeleteRule
        || step instanceof LockRule
        || step instanceof UnlockRule;
  }

  private static List<ResourceTag> exclusions(boolean present) {
    return present ? List.of(NO_BACKUP) : List.of();
  }

  private static String id(int n) {
    return String.format("s-%020d", n);
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Integer> ids = Arbitraries.integers().between(0, IDS - 1);
    Arbitrary<Integer> ruleIndex = Arbitraries.integers().between(0, 9);
    Arbitrary<Integer> ruleTags = Arbitraries.integers().between(0, RULE_TAGS.size() - 1);
    Arbitrary<Boolean> exclusions =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
    // Retentions short enough for time steps to cross them.
    Arbitrary<Integer> retentionDays = Arbitraries.of(1, 2, 5);
    Arbitrary<Integer> delays = Arbitraries.of(7, 8);
    Arbitrary<Step> createRule =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.just(ResourceType.SNAPSHOT)),
                    Tuple.of(1, Arbitraries.just(ResourceType.IMAGE))),
                ruleTags,
                exclusions,
                retentionDays,
                delays.injectNull(0.6))
            .as(CreateRule::new);
    Arbitrary<Step> updateRule =
        Combinators.combine(ruleIndex, ruleTags, exclusions, retentionDays).as(UpdateRule::new);
    Arbitrary<Step> deleteRule = ruleIndex.map(DeleteRule::new);
    Arbitrary<Step> lockRule = Combinators.combine(ruleIndex, delays).as(LockRule::new);
    Arbitrary<Step> unlockRule = ruleIndex.map(UnlockRule::new);
    Arbitrary<Step> register =
        Combinators.combine(ids, Arbitraries.integers().between(0, SNAPSHOT_TAGS.size() - 1))
            .as(Register::new);
    Arbitrary<Step> delete = ids.map(DeleteSnapshot::new);
    Arbitrary<Step> restore = ids.map(Restore::new);
    Arbitrary<Step> lockSnapshot =
        Combinators.combine(
                ids,
                Arbitraries.of(LockMode.GOVERNANCE, LockMode.COMPLIANCE),
                Arbitraries.of(1, 2, 3))
            .as(LockSnapshot::new);
    Arbitrary<Step> unlockSnapshot = ids.map(UnlockSnapshot::new);
    Arbitrary<Step> advance =
        Arbitraries.of(
                Duration.ofMillis(1),
                Duration.ofHours(1),
                Duration.ofDays(1),
                Duration.ofDays(2),
                Duration.ofDays(5),
                Duration.ofDays(8))
            .map(Advance::new);
    Arbitrary<Step> toRetainUntil =
        Combinators.combine(ids, Arbitraries.of(-1L, 0L, 1L)).as(AdvanceToRetainUntil::new);
    return Arbitraries.frequencyOf(
            Tuple.of(3, createRule),
            Tuple.of(2, updateRule),
            Tuple.of(2, deleteRule),
            Tuple.of(3, lockRule),
            Tuple.of(2, unlockRule),
            Tuple.of(4, register),
            Tuple.of(5, delete),
            Tuple.of(5, restore),
            Tuple.of(3, lockSnapshot),
            Tuple.of(2, unlockSnapshot),
            Tuple.of(4, advance),
            Tuple.of(2, toRetainUntil))
        .list()
        .ofSize(40)
        .flatMap(body -> createRule.list().ofSize(2).map(rules -> prefixed(rules, body)));
  }

  /**
   * Every id registered and two rule creations (which may be refused) first, so that most calls
   * meet an existing snapshot and a rule.
   */
  private static List<Step> prefixed(List<Step> firstRules, List<Step> body) {
    List<Step> all = new ArrayList<>();
    for (int n = 0; n < IDS; n++) {
      all.add(new Register(n, n + 1));
    }
    all.addAll(firstRules);
    all.addAll(body);
    return all;
  }
}
