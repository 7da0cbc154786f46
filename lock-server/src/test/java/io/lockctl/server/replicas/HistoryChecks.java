package io.lockctl.server.replicas;

import io.lockctl.server.replicas.Call.Kind;
import io.lockctl.server.replicas.Call.Outcome;
import io.lockctl.v1.CreateRuleResponse;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RuleLockState;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.UpdateRuleResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a history of calls on one service must satisfy if the service ran them in one serial order
 * (a linearizable one: a call answered before another was sent comes first). Each check returns its
 * violations, described; only acknowledged calls count as having happened, and a resource with an
 * in-doubt call is not judged on its final state.
 */
final class HistoryChecks {
  private static final Set<Kind> SNAPSHOT_MUTATIONS =
      EnumSet.of(Kind.REGISTER, Kind.LOCK, Kind.UNLOCK, Kind.DELETE);
  private static final Set<Kind> DESCRIPTION_WRITES =
      EnumSet.of(Kind.CREATE_RULE, Kind.UPDATE_RULE);

  private HistoryChecks() {}

  /**
   * No delete succeeded after a lock on the snapshot was acknowledged, unless an unlock (or a
   * delete, after which a register makes a new, unlocked snapshot) may lie between them.
   */
  static List<String> deletesOfLockedSnapshots(List<Call> calls) {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<Call>> resource : byResource(calls).entrySet()) {
      List<Call> done = resource.getValue().stream().filter(Call::succeeded).toList();
      for (Call delete : ofKind(done, Kind.DELETE)) {
        for (Call lock : ofKind(done, Kind.LOCK)) {
          if (lock.end() >= delete.start()) {
            continue; // not acknowledged before the delete was sent
          }
          boolean released =
              done.stream()
                  .anyMatch(
                      between ->
                          !between.equals(delete)
                              && (between.kind() == Kind.UNLOCK || between.kind() == Kind.DELETE)
                              && lock.mayPrecede(between)
                              && between.mayPrecede(delete));
          if (!released) {
            violations.add(delete + " succeeded after " + lock + " with no unlock between");
          }
        }
      }
    }
    return violations;
  }

  /**
   * No rule changed or was deleted after a lock on it was acknowledged (nobody unlocks rules here).
   */
  static List<String> changesOfLockedRules(List<Call> calls) {
    List<String> violations = new ArrayList<>();
    for (List<Call> resource : byResource(calls).values()) {
      List<Call> done = resource.stream().filter(Call::succeeded).toList();
      for (Call lock : ofKind(done, Kind.LOCK_RULE)) {
        for (Call change : done) {
          if ((change.kind() == Kind.UPDATE_RULE || change.kind() == Kind.DELETE_RULE)
              && lock.end() < change.start()) {
            violations.add(change + " succeeded after " + lock);
          }
        }
      }
    }
    return violations;
  }

  /**
   * Each snapshot ends as the effect of a mutation that may have been the last one: one that no
   * other acknowledged mutation was sent after. A lock it ends with is the one a LockSnapshot
   * answered, field for field (no lost update, no lock from nowhere).
   *
   * @param finals the snapshots as read after the race; a missing key means NOT_FOUND
   */
  static List<String> finalSnapshots(
      List<Call> calls, Set<String> ids, Map<String, Snapshot> finals) {
    List<String> violations = new ArrayList<>();
    Map<String, List<Call>> byResource = byResource(calls);
    for (String id : ids) {
      List<Call> history = byResource.getOrDefault(id, List.of());
      if (history.stream().anyMatch(call -> call.outcome() == Outcome.IN_DOUBT)) {
        continue;
      }
      List<Call> last =
          mayBeLast(
              history.stream()
                  .filter(call -> call.succeeded() && SNAPSHOT_MUTATIONS.contains(call.kind()))
                  .toList());
      Snapshot actual = finals.get(id);
      boolean explained =
          last.isEmpty()
              ? actual == null
              : last.stream().anyMatch(call -> leavesSnapshot(call, actual));
      if (!explained) {
        violations.add(id + " ended as " + actual + ", which none of " + last + " leaves");
      }
    }
    return violations;
  }

  /**
   * Each rule ends locked if and only if a lock was acknowledged, deleted if and only if a delete
   * was, and with the description of a write that may have been the last.
   *
   * @param finals the rules as read after the race; a missing key means NOT_FOUND
   */
  static List<String> finalRules(
      List<Call> calls, Set<String> ids, Map<String, RetentionRule> finals) {
    List<String> violations = new ArrayList<>();
    Map<String, List<Call>> byResource = byResource(calls);
    for (String id : ids) {
      List<Call> history = byResource.getOrDefault(id, List.of());
      if (history.stream().anyMatch(call -> call.outcome() == Outcome.IN_DOUBT)) {
        continue;
      }
      List<Call> done = history.stream().filter(Call::succeeded).toList();
      RetentionRule actual = finals.get(id);
      boolean deleted = !ofKind(done, Kind.DELETE_RULE).isEmpty();
      if (deleted != (actual == null)) {
        violations.add(id + (deleted ? " was deleted but is still there" : " is gone undeleted"));
        continue;
      }
      if (actual == null) {
        continue;
      }
      boolean locked = !ofKind(done, Kind.LOCK_RULE).isEmpty();
      if (locked != (actual.getLockState() == RuleLockState.RULE_LOCK_STATE_LOCKED)) {
        violations.add(
            id
                + " ended "
                + actual.getLockState()
                + " after "
                + (locked ? "a" : "no")
                + " successful LockRule");
      }
      List<Call> lastWrites =
          mayBeLast(
              done.stream().filter(call -> DESCRIPTION_WRITES.contains(call.kind())).toList());
      Set<String> possible =
          lastWrites.stream().map(HistoryChecks::descriptionWritten).collect(Collectors.toSet());
      if (!possible.contains(actual.getDescription())) {
        violations.add(
            id
                + " ended with description "
                + actual.getDescription()
                + ", not one of the last writes' "
                + possible
                + " (a lost update)");
      }
    }
    return violations;
  }

  /** The calls that no other call of {@code calls} was sent after: each may be the last. */
  static List<Call> mayBeLast(List<Call> calls) {
    return calls.stream()
        .filter(call -> calls.stream().noneMatch(other -> other.start() > call.end()))
        .toList();
  }

  private static boolean leavesSnapshot(Call call, Snapshot actual) {
    return switch (call.kind()) {
      case REGISTER, UNLOCK -> actual != null && !actual.hasLock();
      case LOCK ->
          actual != null
              && actual.hasLock()
              && actual
                  .getLock()
                  .equals(((LockSnapshotResponse) call.response()).getLockedSnapshotInfo());
      case DELETE -> actual == null;
      default -> throw new IllegalArgumentException("not a snapshot mutation: " + call);
    };
  }

  private static String descriptionWritten(Call call) {
    return call.response() instanceof CreateRuleResponse created
        ? created.getRule().getDescription()
        : ((UpdateRuleResponse) call.response()).getRule().getDescription();
  }

  private static Map<String, List<Call>> byResource(List<Call> calls) {
    return calls.stream().collect(Collectors.groupingBy(Call::resource));
  }

  private static List<Call> ofKind(List<Call> calls, Kind kind) {
    return calls.stream().filter(call -> call.kind() == kind).toList();
  }
}
