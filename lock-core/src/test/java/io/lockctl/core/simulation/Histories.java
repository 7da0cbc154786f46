package io.lockctl.core.simulation;

import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RuleLockState;
import io.lockctl.core.rule.UpdateRuleCommand;
import io.lockctl.core.simulation.Step.Boundary;
import io.lockctl.core.simulation.Step.Call;
import io.lockctl.core.simulation.Step.KeyMaterial;
import io.lockctl.core.simulation.Step.KeyRef;
import io.lockctl.core.simulation.Step.RelationshipRef;
import io.lockctl.core.simulation.Step.RuleRef;
import io.lockctl.core.simulation.Step.Signer;
import io.lockctl.core.simulation.Step.Term;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.RequestedMode;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Draws histories from a seed. A history of k steps is the first k steps of any longer one of the
 * same seed. The first steps set things up (snapshots, keys, rules, relationships), the rest mix
 * every call, mostly well formed, with time moving forwards by minutes to months and now and then
 * back. Key material and signatures are drawn rarely: verifying a P-256 signature costs
 * milliseconds, a thousand times a catalog call.
 */
final class Histories {
  private static final int SETUP = 14;
  private static final int SETUP_KEYS = 2;
  private static final List<Duration> ADVANCES =
      List.of(
          Duration.ofMillis(1),
          Duration.ofMinutes(1),
          Duration.ofMinutes(4),
          Duration.ofMinutes(7),
          Duration.ofHours(1),
          Duration.ofHours(5),
          Duration.ofHours(23),
          Duration.ofDays(1),
          Duration.ofDays(3),
          Duration.ofDays(8),
          Duration.ofDays(31),
          Duration.ofDays(95));
  private static final List<Duration> STEPS_BACK =
      List.of(Duration.ofMinutes(3), Duration.ofHours(1), Duration.ofDays(2), Duration.ofDays(40));
  private static final List<Duration> TTLS =
      List.of(
          Duration.ZERO,
          Duration.ofHours(1),
          Duration.ofHours(24),
          Duration.ofDays(30),
          Duration.ofSeconds(-1));

  private final Random random;
  private int setupKeys;

  private Histories(long seed) {
    this.random = new Random(mix(seed));
  }

  /** The first {@code length} steps of history {@code seed}. */
  static List<Step> generate(long seed, int length) {
    Histories histories = new Histories(seed);
    List<Step> steps = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      steps.add(i < SETUP ? histories.setup() : histories.any());
    }
    return steps;
  }

  /** SplitMix64's finalizer, so that neighbouring seeds start unrelated generators. */
  static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The first steps: things to work on. */
  private static final List<Weighted> SETUP_STEPS =
      List.of(
          weighted(6, Histories::register),
          weighted(2, Histories::validKey),
          weighted(2, Histories::createRule),
          weighted(2, Histories::createRelationship),
          weighted(2, Histories::setRelationshipLock),
          weighted(3, Histories::lockSnapshot));

  /** Every other step, by weight. */
  private static final List<Weighted> STEPS =
      List.of(
          weighted(80, Histories::register),
          weighted(50, Histories::updateSnapshot),
          weighted(40, h -> new Step.DeleteSnapshot(h.region(), h.snapshot(), h.call())),
          weighted(35, h -> new Step.RestoreSnapshot(h.region(), h.snapshot(), h.call())),
          weighted(110, Histories::lockSnapshot),
          weighted(45, Histories::unlockSnapshot),
          weighted(8, h -> new Step.GetChallenge(h.region(), h.snapshot())),
          weighted(30, Histories::createRule),
          weighted(25, Histories::updateRule),
          weighted(20, h -> new Step.DeleteRule(h.region(), h.rule(), h.call())),
          weighted(30, h -> new Step.LockRule(h.region(), h.rule(), h.delay(true), h.call())),
          weighted(25, h -> new Step.UnlockRule(h.region(), h.rule(), h.call())),
          weighted(2, Histories::createKey),
          weighted(25, Histories::updateKey),
          weighted(15, h -> new Step.DeleteKey(h.key(), h.call())),
          weighted(15, Histories::createRelationship),
          weighted(4, h -> new Step.DeleteRelationship(h.relationship(), h.call())),
          weighted(20, h -> new Step.Reverse(h.relationship(), h.call())),
          weighted(20, h -> new Step.Revert(h.relationship(), h.call())),
          weighted(35, Histories::setRelationshipLock),
          weighted(45, Histories::policySnapshot),
          weighted(30, h -> new Step.Repeat(h.random.nextInt(4) == 0)),
          weighted(12, Histories::listSnapshots),
          weighted(10, Histories::describeLocked),
          weighted(8, Histories::listRules),
          weighted(4, h -> new Step.ListKeys(h.pageSize(), h.seldom())),
          weighted(6, h -> new Step.ListUsages(h.key(), h.pageSize(), h.seldom())),
          weighted(
              4, h -> new Step.ListRelationships(h.pick("", h.region()), h.pageSize(), h.seldom())),
          weighted(6, h -> new Step.GetRelationshipLock(h.relationship())),
          weighted(75, h -> new Step.Advance(h.pick(ADVANCES))),
          weighted(10, h -> new Step.StepBack(h.pick(STEPS_BACK))),
          weighted(35, Histories::toBoundary));

  private static final int SETUP_TOTAL = total(SETUP_STEPS);
  private static final int STEPS_TOTAL = total(STEPS);

  private Step setup() {
    return choose(SETUP_STEPS, SETUP_TOTAL);
  }

  private Step any() {
    return choose(STEPS, STEPS_TOTAL);
  }

  // --- snapshots ---

  private Step register() {
    return new Step.Register(
        region(),
        snapshot(),
        status(),
        retentionDays(),
        random.nextInt(10) == 0,
        seldom() ? "bad name!" : rarely("ecs", ""),
        tags(),
        seldom() ? -1 : pick(0, 0, 0, 0, 1, 48, 2000),
        call());
  }

  private Step updateSnapshot() {
    List<String> paths = new ArrayList<>();
    for (String path : List.of("status", "retention_days", "shared", "tags")) {
      if (random.nextInt(3) == 0) {
        paths.add(path);
      }
    }
    if (paths.isEmpty() && random.nextInt(4) != 0) {
      paths.add(pick("status", "retention_days", "shared", "tags"));
    }
    if (random.nextInt(40) == 0) {
      paths.add("size");
    }
    return new Step.UpdateSnapshot(
        region(),
        snapshot(),
        List.copyOf(paths),
        status(),
        retentionDays(),
        random.nextInt(3) == 0,
        tags(),
        call());
  }

  private SnapshotStatus status() {
    int roll = random.nextInt(20);
    return seldom()
        ? null
        : roll < 11
            ? SnapshotStatus.ACCOMPLISHED
            : roll < 17 ? SnapshotStatus.PROGRESSING : SnapshotStatus.FAILED;
  }

  private int retentionDays() {
    return seldom() ? pick(70000, -1) : pick(0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 5, 30, 400);
  }

  /** Tags; now and then a reserved key, which is malformed. */
  private Map<String, String> tags() {
    List<Map<String, String>> tags = Universe.SNAPSHOT_TAGS;
    return seldom() ? tags.get(tags.size() - 1) : tags.get(random.nextInt(tags.size() - 1));
  }

  // --- locks ---

  private Step lockSnapshot() {
    int modeRoll = random.nextInt(100);
    RequestedMode mode =
        modeRoll < 35
            ? LockMode.COMPLIANCE
            : modeRoll < 65
                ? LockMode.GOVERNANCE
                : modeRoll < 97 ? LockMode.KEY : RequestedMode.UNRECOGNIZED;
    int termRoll = random.nextInt(40);
    Term term;
    if (termRoll == 0) {
      term = new Term.Missing();
    } else if (termRoll < 27) {
      term = new Term.Days(seldom() ? pick(0, 40000) : pick(1, 1, 2, 3, 3, 5, 10, 10, 30, 400));
    } else {
      term = new Term.UntilHours(seldom() ? pick(0, -1) : pick(1, 12, 24, 25, 72, 240, 1000));
    }
    int coolOffRoll = random.nextInt(19);
    int coolOff;
    if (mode == LockMode.COMPLIANCE) {
      coolOff = coolOffRoll < 12 ? 0 : coolOffRoll < 18 ? pick(1, 24, 48, 72) : pick(-1, 73);
    } else {
      coolOff = coolOffRoll == 0 ? 24 : 0;
    }
    KeyRef key =
        mode == LockMode.KEY
            ? (random.nextInt(25) == 0 ? null : key())
            : (random.nextInt(40) == 0 ? key() : null);
    return new Step.LockSnapshot(region(), snapshot(), mode, term, coolOff, key, call());
  }

  private Step unlockSnapshot() {
    int roll = random.nextInt(100);
    Signer signer =
        roll < 60
            ? Signer.FRESH
            : roll < 76
                ? Signer.NONE
                : roll < 92 ? Signer.GARBAGE : roll < 98 ? Signer.HELD : Signer.STRANGER;
    return new Step.UnlockSnapshot(region(), snapshot(), signer, call());
  }

  // --- rules ---

  private Step createRule() {
    return new Step.CreateRule(
        region(),
        seldom() ? "bad\tdescription" : pick("", "keep", "keep"),
        seldom()
            ? null
            : pick(
                ResourceType.SNAPSHOT,
                ResourceType.SNAPSHOT,
                ResourceType.SNAPSHOT,
                ResourceType.IMAGE),
        ruleRetention(),
        ruleTags(),
        exclusions(),
        delay(false),
        call());
  }

  private Step updateRule() {
    List<String> paths = new ArrayList<>();
    for (String path :
        List.of(
            UpdateRuleCommand.DESCRIPTION,
            UpdateRuleCommand.RETENTION_PERIOD_DAYS,
            UpdateRuleCommand.RESOURCE_TAGS,
            UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS)) {
      if (random.nextInt(3) == 0) {
        paths.add(path);
      }
    }
    if (paths.isEmpty() && random.nextInt(4) != 0) {
      paths.add(UpdateRuleCommand.RETENTION_PERIOD_DAYS);
    }
    if (random.nextInt(40) == 0) {
      paths.add("lock_state");
    }
    return new Step.UpdateRule(
        region(),
        rule(),
        List.copyOf(paths),
        seldom() ? "bad\tdescription" : pick("", "kept"),
        ruleRetention(),
        ruleTags(),
        exclusions(),
        call());
  }

  private int ruleRetention() {
    return seldom() ? 0 : pick(1, 2, 5, 5, 30);
  }

  private List<ResourceTag> ruleTags() {
    int roll = random.nextInt(18);
    return Universe.RULE_TAGS.get(roll < 10 ? 0 : roll < 14 ? 1 : roll < 17 ? 2 : 3);
  }

  private List<ResourceTag> exclusions() {
    return random.nextInt(4) == 0 ? Universe.EXCLUSIONS.get(1) : Universe.EXCLUSIONS.get(0);
  }

  /** An unlock delay; for a create mostly none (an unlocked rule). */
  private Integer delay(boolean required) {
    if (!required && random.nextInt(5) < 3) {
      return null;
    }
    int roll = random.nextInt(13);
    if (roll == 12) {
      return required ? null : 7;
    }
    return roll < 6 ? 7 : roll < 9 ? 8 : roll < 11 ? 30 : pick(6, 31);
  }

  private RuleRef rule() {
    int roll = random.nextInt(30);
    return new RuleRef(
        roll == 0 ? RuleRef.UNKNOWN : roll == 1 ? RuleRef.MALFORMED : random.nextInt(8));
  }

  // --- keys ---

  /**
   * A key for each name in turn, two at most, so that setting up verifies no signature in vain:
   * verifying is the system's slowest work.
   */
  private Step validKey() {
    if (setupKeys == SETUP_KEYS) {
      return register();
    }
    return new Step.CreateKey(
        setupKeys++ % Universe.KEY_NAMES.size(),
        random.nextInt(Keys.PAIRS),
        KeyMaterial.VALID,
        "",
        call());
  }

  private Step createKey() {
    return new Step.CreateKey(
        random.nextInt(30) == 0 ? -1 : random.nextInt(Universe.KEY_NAMES.size()),
        random.nextInt(Keys.PAIRS),
        rarely(
            pick(KeyMaterial.WRONG_NAME, KeyMaterial.OTHER_CURVE, KeyMaterial.GARBAGE),
            KeyMaterial.VALID),
        seldom() ? "x".repeat(1025) : pick("", "first"),
        call());
  }

  private Step updateKey() {
    List<String> paths = new ArrayList<>();
    if (random.nextInt(3) == 0) {
      paths.add("comment");
    }
    if (random.nextInt(4) != 0) {
      paths.add("disabled");
    }
    if (random.nextInt(40) == 0) {
      paths.add("name");
    }
    return new Step.UpdateKey(
        key(),
        List.copyOf(paths),
        seldom() ? "x".repeat(1025) : pick("rotated", ""),
        random.nextInt(5) < 3,
        call());
  }

  private KeyRef key() {
    int roll = random.nextInt(40);
    KeyRef.Kind kind =
        roll == 0
            ? KeyRef.Kind.UNKNOWN
            : roll == 1 ? KeyRef.Kind.MALFORMED : roll < 14 ? KeyRef.Kind.ID : KeyRef.Kind.NAME;
    return new KeyRef(kind, random.nextInt(Universe.KEY_NAMES.size()));
  }

  // --- replication ---

  private Step createRelationship() {
    return new Step.CreateRelationship(
        rarely(Universe.REGIONS.get(1), Universe.REGIONS.get(0)),
        TTLS.get(random.nextInt(30) == 0 ? 4 : random.nextInt(4)),
        seldom() ? "relative/path" : "/data",
        call());
  }

  private Step setRelationshipLock() {
    RelationshipRef relationship = relationship();
    int roll = random.nextInt(36);
    if (roll == 0) {
      return new Step.SetRelationshipLock(relationship, null, false, call());
    }
    if (roll == 1) {
      return new Step.SetRelationshipLock(relationship, key(), true, call());
    }
    if (roll < 7) {
      return new Step.SetRelationshipLock(relationship, null, true, call());
    }
    return new Step.SetRelationshipLock(relationship, key(), false, call());
  }

  private Step policySnapshot() {
    return new Step.TakePolicySnapshot(
        relationship(), random.nextBoolean() ? "" : poolSnapshot(), call());
  }

  private RelationshipRef relationship() {
    int roll = random.nextInt(30);
    return new RelationshipRef(
        roll == 0
            ? RelationshipRef.UNKNOWN
            : roll == 1 ? RelationshipRef.MALFORMED : random.nextInt(6));
  }

  // --- reads ---

  private Step listSnapshots() {
    boolean byTag = random.nextInt(4) == 0;
    return new Step.ListSnapshots(
        region(),
        rarely(SnapshotState.ACTIVE, null, null, SnapshotState.IN_RECYCLE_BIN),
        random.nextInt(3) == 0,
        byTag ? pick("env", "backup") : "",
        byTag && random.nextBoolean() ? pick("prod", "none") : null,
        pageSize(),
        seldom());
  }

  private Step describeLocked() {
    List<String> ids = new ArrayList<>();
    if (random.nextBoolean()) {
      for (String id : Universe.SNAPSHOTS) {
        if (random.nextBoolean()) {
          ids.add(id);
        }
      }
    }
    return new Step.DescribeLocked(
        region(),
        List.copyOf(ids),
        random.nextInt(3) == 0 ? pick(LockStatus.values()) : null,
        pageSize(),
        seldom());
  }

  private Step listRules() {
    return new Step.ListRules(
        region(),
        random.nextInt(3) == 0 ? pick(ResourceType.values()) : null,
        random.nextInt(3) == 0 ? pick(RuleLockState.values()) : null,
        random.nextInt(4) == 0 ? List.of(Universe.PROD) : List.of(),
        pageSize(),
        seldom());
  }

  private int pageSize() {
    return seldom() ? -1 : pick(0, 0, 1, 2, 3);
  }

  // --- time ---

  private Step toBoundary() {
    return new Step.ToBoundary(pick(Boundary.values()), random.nextInt(8), pick(-1L, 0L, 1L));
  }

  // --- shared choices ---

  private Call call() {
    int roll = random.nextInt(100);
    if (roll < 70) {
      return new Call(false, Call.NONE);
    }
    if (roll < 88) {
      return new Call(false, random.nextInt(Call.TOKENS + 1));
    }
    if (roll < 96) {
      return new Call(true, Call.NONE);
    }
    if (roll < 99) {
      return new Call(true, random.nextInt(Call.TOKENS + 1));
    }
    return new Call(false, Call.MALFORMED);
  }

  /** Mostly the first region; now and then a malformed one. */
  private String region() {
    int roll = random.nextInt(50);
    return roll == 0 ? Universe.MALFORMED_REGION : Universe.region(roll < 8 ? 1 : 0);
  }

  private String snapshot() {
    return random.nextInt(60) == 0 ? Universe.MALFORMED_SNAPSHOT : poolSnapshot();
  }

  private String poolSnapshot() {
    return Universe.SNAPSHOTS.get(random.nextInt(Universe.SNAPSHOTS.size()));
  }

  /** Once in sixty times: for a malformed value. */
  private boolean seldom() {
    return random.nextInt(60) == 0;
  }

  /** One of {@code usual}, or once in ten times {@code unusual}. */
  @SafeVarargs
  private <T> T rarely(T unusual, T... usual) {
    return random.nextInt(10) == 0 ? unusual : usual[random.nextInt(usual.length)];
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private record Weighted(int weight, Function<Histories, Step> draw) {}

  private static Weighted weighted(int weight, Function<Histories, Step> draw) {
    return new Weighted(weight, draw);
  }

  private static int total(List<Weighted> choices) {
    return choices.stream().mapToInt(Weighted::weight).sum();
  }

  private Step choose(List<Weighted> choices, int total) {
    int roll = random.nextInt(total);
    for (Weighted choice : choices) {
      roll -= choice.weight();
      if (roll < 0) {
        return choice.draw().apply(this);
      }
    }
    throw new AssertionError("unreachable");
  }
}
