package io.lockctl.server.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import io.lockctl.server.replicas.Call.Kind;
import io.lockctl.server.replicas.Call.Outcome;
import io.lockctl.v1.CreateRuleResponse;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RuleLockState;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.UpdateRuleResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The race's checks on small hand-made histories: they flag what breaks one serial order, only
 * that.
 */
class HistoryChecksTest {
  private static final String S = "s-1";
  private static final String R = "r-1";
  private static final LockedSnapshotInfo LOCK =
      LockedSnapshotInfo.newBuilder().setSnapshotId(S).setLockDurationDays(30).build();

  private static Call ok(String resource, Kind kind, long start, long end, Message response) {
    return new Call(resource, kind, "a", start, end, Outcome.OK, "", response);
  }

  private static Call lock(long start, long end) {
    return ok(
        S,
        Kind.LOCK,
        start,
        end,
        LockSnapshotResponse.newBuilder().setLockedSnapshotInfo(LOCK).build());
  }

  private static Call update(String description, long start, long end) {
    return ok(
        R,
        Kind.UPDATE_RULE,
        start,
        end,
        UpdateRuleResponse.newBuilder()
            .setRule(RetentionRule.newBuilder().setDescription(description))
            .build());
  }

  @Test
  void aDeleteAfterAnAcknowledgedLockNeedsAnUnlockThatMayLieBetween() {
    Call delete = ok(S, Kind.DELETE, 10, 11, null);
    assertEquals(1, HistoryChecks.deletesOfLockedSnapshots(List.of(lock(0, 1), delete)).size());
    assertEquals(
        0,
        HistoryChecks.deletesOfLockedSnapshots(
                List.of(lock(0, 1), ok(S, Kind.UNLOCK, 5, 6, null), delete))
            .size());
    // An unlock answered before the lock was sent cannot lie between.
    assertEquals(
        1,
        HistoryChecks.deletesOfLockedSnapshots(
                List.of(ok(S, Kind.UNLOCK, -5, -4, null), lock(0, 1), delete))
            .size());
    // A lock still in flight when the delete was sent may come after it.
    assertEquals(0, HistoryChecks.deletesOfLockedSnapshots(List.of(lock(0, 12), delete)).size());
  }

  @Test
  void aRuleChangeAfterAnAcknowledgedLockIsFlagged() {
    Call lockRule = ok(R, Kind.LOCK_RULE, 0, 1, null);
    assertEquals(
        1, HistoryChecks.changesOfLockedRules(List.of(lockRule, update("x", 2, 3))).size());
    assertEquals(
        0, HistoryChecks.changesOfLockedRules(List.of(lockRule, update("x", 0, 3))).size());
  }

  @Test
  void aFinalStateMustBeTheEffectOfAMutationThatMayBeLast() {
    Snapshot locked = Snapshot.newBuilder().setSnapshotId(S).setLock(LOCK).build();
    Snapshot unlocked = Snapshot.newBuilder().setSnapshotId(S).build();
    List<Call> lockThenUnlock = List.of(lock(0, 1), ok(S, Kind.UNLOCK, 2, 3, null));
    assertEquals(
        0, HistoryChecks.finalSnapshots(lockThenUnlock, Set.of(S), Map.of(S, unlocked)).size());
    assertEquals(
        1, HistoryChecks.finalSnapshots(lockThenUnlock, Set.of(S), Map.of(S, locked)).size());
    assertEquals(1, HistoryChecks.finalSnapshots(lockThenUnlock, Set.of(S), Map.of()).size());
    List<Call> overlapping = List.of(lock(0, 3), ok(S, Kind.UNLOCK, 1, 2, null));
    assertEquals(0, HistoryChecks.finalSnapshots(overlapping, Set.of(S), Map.of(S, locked)).size());
  }

  @Test
  void aRuleMustEndWithTheDescriptionOfAWriteThatMayBeLast() {
    Call create =
        ok(
            R,
            Kind.CREATE_RULE,
            0,
            1,
            CreateRuleResponse.newBuilder()
                .setRule(RetentionRule.newBuilder().setDescription("c"))
                .build());
    List<Call> calls = List.of(create, update("u1", 2, 5), update("u2", 3, 4));
    RetentionRule u1 =
        RetentionRule.newBuilder()
            .setDescription("u1")
            .setLockState(RuleLockState.RULE_LOCK_STATE_UNSPECIFIED)
            .build();
    assertEquals(0, HistoryChecks.finalRules(calls, Set.of(R), Map.of(R, u1)).size());
    assertEquals(
        0,
        HistoryChecks.finalRules(
                calls, Set.of(R), Map.of(R, u1.toBuilder().setDescription("u2").build()))
            .size());
    assertEquals(
        1,
        HistoryChecks.finalRules(
                calls, Set.of(R), Map.of(R, u1.toBuilder().setDescription("c").build()))
            .size(),
        "a lost update");
    assertEquals(1, HistoryChecks.finalRules(calls, Set.of(R), Map.of()).size(), "gone undeleted");
  }
}
