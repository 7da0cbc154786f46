package io.lockctl.core.snapshot;

import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RuleLockState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plain restatement of SPEC.md section 3 (rules, their locks, the recycle bin) and of the parts
 * of sections 1-2 the recycle-bin property touches, for one region, written from the spec without
 * the domain's code. Snapshots here are always ACCOMPLISHED, unshared, unmanaged and kept until
 * deleted; their locks have no cool-off. Each operation returns its outcome: {@link #OK}, a
 * DeleteSnapshot result ("GONE" or "BIN [rule ids] retain_until"), or the refusal's reason name.
 */
final class RecycleBinModel {
  static final String OK = "OK";

  /** What both sides are projected on: a snapshot as a reader sees it. */
  record SnapshotView(
      SnapshotState state,
      Instant retainUntil,
      Map<String, String> tags,
      LockMode lockMode,
      Instant lockExpiry) {}

  /** A rule as a reader sees it. */
  record RuleView(
      ResourceType type,
      int retentionDays,
      boolean tagLevel,
      boolean exclusions,
      RuleLockState lockState) {}

  private static final class Rule {
    ResourceType type;
    int days;
    List<ResourceTag> tags;
    List<ResourceTag> exclusions;
    Integer delay; // null while never locked
    Instant unlockEnd; // null unless UnlockRule ran since the last lock
  }

  private static final class Snap {
    Map<String, String> tags;
    Instant retainUntil; // null while ACTIVE
    LockMode lockMode; // null without a lock
    Instant lockStart;
    Instant lockEnd;
  }

  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private final Map<String, Snap> snaps = new TreeMap<>();

  // --- rules ---

  List<String> ruleIds() {
    return new ArrayList<>(rules.keySet());
  }

  Map<String, RuleView> ruleViews(Instant now) {
    Map<String, RuleView> views = new TreeMap<>();
    rules.forEach(
        (id, r) ->
            views.put(
                id,
                new RuleView(
                    r.type, r.days, !r.tags.isEmpty(), !r.exclusions.isEmpty(), state(r, now))));
    return views;
  }

  private static RuleLockState state(Rule r, Instant now) {
    if (r.delay == null) {
      return RuleLockState.NEVER_LOCKED;
    }
    if (r.unlockEnd == null) {
      return RuleLockState.LOCKED;
    }
    return now.isBefore(r.unlockEnd) ? RuleLockState.PENDING_UNLOCK : RuleLockState.UNLOCKED;
  }

  private static boolean isProtected(Rule r, Instant now) {
    RuleLockState state = state(r, now);
    return state == RuleLockState.LOCKED || state == RuleLockState.PENDING_UNLOCK;
  }

  /** The outcome CreateRule must have; on OK the caller adds the rule with {@link #addRule}. */
  static String createRule(List<ResourceTag> tags, List<ResourceTag> exclusions, Integer delay) {
    if (!tags.isEmpty() && !exclusions.isEmpty()) {
      return "INVALID_PARAMETER";
    }
    if (delay != null && (!tags.isEmpty() || !exclusions.isEmpty())) {
      return "RULE_NOT_LOCKABLE";
    }
    return OK;
  }

  /** Adds a created rule under the identifier the service gave it. */
  void addRule(
      String id,
      ResourceType type,
      int days,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions,
      Integer delay) {
    Rule r = new Rule();
    r.type = type;
    r.days = days;
    r.tags = tags;
    r.exclusions = exclusions;
    r.delay = delay;
    rules.put(id, r);
  }

  String updateRule(
      String id, int days, List<ResourceTag> tags, List<ResourceTag> exclusions, Instant now) {
    Rule r = rules.get(id);
    if (isProtected(r, now)) {
      return "INVALID_RULE_STATE";
    }
    if (!tags.isEmpty() && !exclusions.isEmpty()) {
      return "INVALID_PARAMETER";
    }
    r.days = days;
    r.tags = tags;
    r.exclusions = exclusions;
    return OK;
  }

  String deleteRule(String id, Instant now) {
    if (isProtected(rules.get(id), now)) {
      return "INVALID_RULE_STATE";
    }
    rules.remove(id);
    return OK;
  }

  String lockRule(String id, int delay, Instant now) {
    Rule r = rules.get(id);
    if (!r.tags.isEmpty() || !r.exclusions.isEmpty()) {
      return "RULE_NOT_LOCKABLE";
    }
    if (isProtected(r, now) && delay != r.delay) {
      return "INVALID_RULE_STATE";
    }
    r.delay = delay;
    r.unlockEnd = null;
    return OK;
  }

  String unlockRule(String id, Instant now) {
    Rule r = rules.get(id);
    if (state(r, now) != RuleLockState.LOCKED) {
      return "INVALID_RULE_STATE";
    }
    r.unlockEnd = now.plus(Duration.ofDays(r.delay));
    return OK;
  }

  // --- snapshots ---

  /** Snapshots as readers see them at {@code now}; gone ones are absent. */
  Map<String, SnapshotView> snapshotViews(Instant now) {
    Map<String, SnapshotView> views = new TreeMap<>();
    snaps.forEach(
        (id, s) -> {
          if (!gone(s, now)) {
            views.put(
                id,
                new SnapshotView(
                    s.retainUntil == null ? SnapshotState.ACTIVE : SnapshotState.IN_RECYCLE_BIN,
                    s.retainUntil,
                    s.tags,
                    s.lockMode,
                    s.lockEnd));
          }
        });
    return views;
  }

  /** When the snapshot's stay in the recycle bin ends, if it is in the bin now. */
  Instant retainUntil(String id, Instant now) {
    Snap s = snaps.get(id);
    return s == null || gone(s, now) ? null : s.retainUntil;
  }

  private static boolean gone(Snap s, Instant now) {
    return s.retainUntil != null && !now.isBefore(s.retainUntil);
  }

  /** The snapshot as callers see it: null when never registered or gone. */
  private Snap visible(String id, Instant now) {
    Snap s = snaps.get(id);
    return s == null || gone(s, now) ? null : s;
  }

  private static boolean lockActive(Snap s, Instant now) {
    return s.lockMode != null && now.isBefore(s.lockEnd);
  }

  String register(String id, Map<String, String> tags, Instant now) {
    if (visible(id, now) != null) {
      return "SNAPSHOT_ALREADY_EXISTS";
    }
    Snap s = new Snap();
    s.tags = tags;
    snaps.put(id, s);
    return OK;
  }

  String deleteSnapshot(String id, Instant now) {
    Snap s = visible(id, now);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (s.retainUntil != null) {
      return "SNAPSHOT_NOT_AVAILABLE";
    }
    if (lockActive(s, now)) {
      return "SNAPSHOT_LOCKED";
    }
    TreeSet<String> matching = new TreeSet<>();
    int longest = 0;
    for (Map.Entry<String, Rule> entry : rules.entrySet()) {
      Rule r = entry.getValue();
      boolean matches =
          r.type == ResourceType.SNAPSHOT
              && (r.tags.isEmpty()
                  ? r.exclusions.stream().noneMatch(t -> t.value().equals(s.tags.get(t.key())))
                  : r.tags.stream().anyMatch(t -> t.value().equals(s.tags.get(t.key()))));
      if (matches) {
        matching.add(entry.getKey());
        longest = Math.max(longest, r.days);
      }
    }
    if (matching.isEmpty()) {
      snaps.remove(id);
      return "GONE";
    }
    s.retainUntil = now.plus(Duration.ofDays(longest));
    return "BIN " + List.copyOf(matching) + " " + s.retainUntil;
  }

  String restore(String id, Instant now) {
    Snap s = visible(id, now);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (s.retainUntil == null) {
      return "SNAPSHOT_NOT_IN_RECYCLE_BIN";
    }
    s.retainUntil = null;
    return OK;
  }

  String lockSnapshot(String id, LockMode mode, int days, Instant now) {
    Snap s = visible(id, now);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (s.retainUntil != null) {
      return "SNAPSHOT_NOT_AVAILABLE";
    }
    if (lockActive(s, now) && s.lockMode == LockMode.COMPLIANCE) {
      // Past its (empty) cool-off a compliance lock only extends, counted from its start.
      Instant extended = s.lockStart.plus(Duration.ofDays(days));
      if (mode != LockMode.COMPLIANCE || !extended.isAfter(s.lockEnd)) {
        return "COOL_OFF_PERIOD_EXPIRED";
      }
      s.lockEnd = extended;
      return OK;
    }
    s.lockMode = mode;
    s.lockStart = now;
    s.lockEnd = now.plus(Duration.ofDays(days));
    return OK;
  }

  String unlockSnapshot(String id, Instant now) {
    Snap s = visible(id, now);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (!lockActive(s, now)) {
      return "SNAPSHOT_NOT_LOCKED";
    }
    if (s.lockMode == LockMode.COMPLIANCE) {
      return "COOL_OFF_PERIOD_EXPIRED";
    }
    s.lockMode = null;
    s.lockStart = null;
    s.lockEnd = null;
    return OK;
  }
}
