package io.lockctl.core.simulation;

import io.lockctl.core.error.RejectedException;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.rule.ListRulesQuery;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.simulation.Model.Where;
import io.lockctl.core.simulation.Views.RelationshipView;
import io.lockctl.core.simulation.Views.Stamped;
import io.lockctl.core.snapshot.DescribeLockedSnapshotsQuery;
import io.lockctl.core.snapshot.ListSnapshotsQuery;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.testing.World;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads back what a caller can see and compares it with the model. After every step it lists the
 * families of resources the step may change by the contract (all of them after the clock moved); a
 * full check lists them all, and also compares every Get (of each snapshot id, rule, key by id and
 * by name, relationship and its lock), DescribeLockedSnapshots and each key's usages.
 */
final class Observation {
  private static final int ALL = 1000;

  /** Resources listed together. */
  enum Family {
    SNAPSHOTS,
    RULES,
    KEYS,
    RELATIONSHIPS
  }

  /** The system's state as listed, kept for the safety checks of the next step. */
  record Observed(
      Instant at,
      Map<Where, Snapshot> snapshots,
      Map<Where, RetentionRule> rules,
      List<LockKey> keys,
      List<TargetRelationship> relationships) {

    /**
     * Everything as listed, to tell whether a step changed anything: the stored values themselves,
     * as a step that changes no time changes no time-dependent status either.
     */
    boolean sameAs(Observed other) {
      return at.equals(other.at)
          && snapshots.equals(other.snapshots)
          && rules.equals(other.rules)
          && keys.equals(other.keys)
          && relationships.equals(other.relationships);
    }
  }

  private final World world;
  private final Model model;
  private Observed last;

  Observation(World world, Model model) {
    this.world = world;
    this.model = model;
    this.last = read(EnumSet.allOf(Family.class), null);
  }

  Observed last() {
    return last;
  }

  /**
   * Lists the {@code touched} families (with {@code full}, all of them and every Get) and compares
   * them with the model; the others are carried over from the last read.
   */
  Observed compare(Set<Family> touched, boolean full) {
    Set<Family> read = full ? EnumSet.allOf(Family.class) : touched;
    Observed observed = read(read, last);
    Instant now = model.now();
    if (!observed.at().equals(now)) {
      throw new Divergence("compliance time", "read at " + observed.at() + ", model at " + now);
    }
    for (String region : Universe.REGIONS) {
      if (read.contains(Family.SNAPSHOTS)) {
        same(
            "ListSnapshots of " + region,
            model.listSnapshots(region, null, false, "", null),
            observed.snapshots().values().stream()
                .filter(s -> s.regionId().equals(region))
                .map(s -> Views.snapshot(s, now))
                .toList());
      }
      if (read.contains(Family.RULES)) {
        same(
            "ListRules of " + region,
            model.listRules(region, null, null, List.of()),
            observed.rules().values().stream()
                .filter(r -> r.regionId().equals(region))
                .map(r -> Views.rule(r, now))
                .toList());
      }
    }
    if (read.contains(Family.KEYS)) {
      same("ListLockKeys", model.listKeys(), observed.keys().stream().map(Views::key).toList());
    }
    if (read.contains(Family.RELATIONSHIPS)) {
      same(
          "ListTargetRelationships",
          model.listRelationships(""),
          observed.relationships().stream().map(Views::relationship).toList());
    }
    if (full) {
      compareGets(observed);
    }
    last = observed;
    return observed;
  }

  private void compareGets(Observed observed) {
    for (String region : Universe.REGIONS) {
      for (String id : Universe.SNAPSHOTS) {
        same(
            "GetSnapshot " + region + "/" + id,
            stamped(model.getSnapshot(region, id)),
            answer(
                () -> {
                  AsOf<Snapshot> got = world.snapshots.get(World.CALLER, region, id);
                  return new Stamped(Views.snapshot(got.value(), got.at()), got.at());
                }));
      }
      same(
          "DescribeLockedSnapshots of " + region,
          Outcome.ok(model.describeLocked(region, List.of(), null)),
          answer(
              () -> {
                var page =
                    world.locks.describeLocked(
                        World.CALLER,
                        new DescribeLockedSnapshotsQuery(region, List.of(), null, ALL, ""));
                return page.value().items().stream().map(l -> Views.locked(l, page.at())).toList();
              }));
    }
    TreeSet<Where> rules = new TreeSet<>(observed.rules().keySet());
    model.listRules(Universe.REGIONS.get(0), null, null, List.of()).stream()
        .map(r -> new Where(r.region(), r.id()))
        .forEach(rules::add);
    model.listRules(Universe.REGIONS.get(1), null, null, List.of()).stream()
        .map(r -> new Where(r.region(), r.id()))
        .forEach(rules::add);
    for (Where rule : rules) {
      same(
          "GetRule " + rule,
          stamped(model.getRule(rule.region(), rule.id())),
          answer(
              () -> {
                AsOf<RetentionRule> got = world.rules.get(World.CALLER, rule.region(), rule.id());
                return new Stamped(Views.rule(got.value(), got.at()), got.at());
              }));
    }
    Map<String, String> keys = new LinkedHashMap<>();
    model.listKeys().forEach(k -> keys.put(k.id(), k.name()));
    observed.keys().forEach(k -> keys.put(k.id(), k.name()));
    for (Map.Entry<String, String> key : keys.entrySet()) {
      for (String ref : List.of(key.getKey(), key.getValue())) {
        same(
            "GetLockKey " + ref,
            model.getKey(ref),
            answer(() -> Views.key(world.keys.get(World.CALLER, ref))));
      }
      same(
          "ListLockKeyUsages " + key.getKey(),
          model.usages(key.getKey(), ALL),
          answer(
              () ->
                  world.keys.usages(World.CALLER, key.getKey(), ALL, "").items().stream()
                      .map(Views::usage)
                      .toList()));
    }
    TreeSet<String> relationships = new TreeSet<>();
    model.listRelationships("").stream().map(RelationshipView::id).forEach(relationships::add);
    observed.relationships().stream().map(TargetRelationship::id).forEach(relationships::add);
    for (String id : relationships) {
      same(
          "GetTargetRelationship " + id,
          model.getRelationship(id),
          answer(() -> Views.relationship(world.replication.get(World.CALLER, id))));
      same(
          "GetTargetRelationshipLock " + id,
          model.relationshipLock(id),
          answer(() -> world.replication.getLock(World.CALLER, id)));
    }
  }

  /** Lists the families of {@code read}; the others are those of {@code last}. */
  private Observed read(Set<Family> read, Observed last) {
    Map<Where, Snapshot> snapshots = new LinkedHashMap<>();
    Map<Where, RetentionRule> rules = new LinkedHashMap<>();
    for (String region : Universe.REGIONS) {
      if (read.contains(Family.SNAPSHOTS)) {
        world
            .snapshots
            .list(World.CALLER, new ListSnapshotsQuery(region, null, false, "", null, ALL, ""))
            .value()
            .items()
            .forEach(s -> snapshots.put(new Where(region, s.snapshotId()), s));
      }
      if (read.contains(Family.RULES)) {
        world
            .rules
            .list(World.CALLER, new ListRulesQuery(region, null, null, List.of(), ALL, ""))
            .value()
            .items()
            .forEach(r -> rules.put(new Where(region, r.identifier()), r));
      }
    }
    return new Observed(
        world.now(),
        read.contains(Family.SNAPSHOTS) ? snapshots : last.snapshots(),
        read.contains(Family.RULES) ? rules : last.rules(),
        read.contains(Family.KEYS) ? world.keys.list(World.CALLER, ALL, "").items() : last.keys(),
        read.contains(Family.RELATIONSHIPS)
            ? world.replication.list(World.CALLER, "", ALL, "").items()
            : last.relationships());
  }

  private Outcome stamped(Outcome outcome) {
    return outcome.accepted() ? Outcome.ok(new Stamped(outcome.value(), model.now())) : outcome;
  }

  private static Outcome answer(Supplier<?> read) {
    try {
      return Outcome.ok(read.get());
    } catch (RejectedException e) {
      return Outcome.refused(e.reason());
    }
  }

  private static void same(String what, Object expected, Object actual) {
    Object wanted = expected instanceof Outcome ? expected : Outcome.ok(expected);
    Object got = actual instanceof Outcome ? actual : Outcome.ok(actual);
    if (!wanted.equals(got)) {
      throw new Divergence(
          "state: " + what, "\n    expected: " + wanted + "\n    actual:   " + got);
    }
  }
}
