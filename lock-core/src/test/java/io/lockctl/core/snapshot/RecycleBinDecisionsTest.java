package io.lockctl.core.snapshot;

import static io.lockctl.core.snapshot.Fixtures.ID;
import static io.lockctl.core.snapshot.Fixtures.REGION;
import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.accepted;
import static io.lockctl.core.snapshot.Fixtures.accomplished;
import static io.lockctl.core.snapshot.Fixtures.at;
import static io.lockctl.core.snapshot.Fixtures.days;
import static io.lockctl.core.snapshot.Fixtures.lockDays;
import static io.lockctl.core.snapshot.Fixtures.locked;
import static io.lockctl.core.snapshot.Fixtures.rejected;
import static io.lockctl.core.snapshot.Fixtures.unlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import io.lockctl.core.rule.LockConfiguration;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The recycle bin as pure decisions: which deletes go to the bin and until when, restore, and the
 * instant a snapshot in the bin is gone for every decision.
 */
class RecycleBinDecisionsTest {
  private static final ResourceTag PROD = new ResourceTag("env", "prod");
  private static final ResourceTag TEAM_A = new ResourceTag("team", "a");
  private static final ResourceTag NO_BACKUP = new ResourceTag("backup", "none");

  /** Where deleted snapshots are, in these tests: deleted at T0 + 1 day. */
  private static final Instant DELETED_AT = at(days(1));

  private static RetentionRule rule(
      String id,
      ResourceType type,
      int days,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions) {
    return new RetentionRule(id, REGION, "", type, days, tags, exclusions, null, null, T0, T0);
  }

  private static RetentionRule tagLevel(String id, int days, ResourceTag... tags) {
    return rule(id, ResourceType.SNAPSHOT, days, List.of(tags), List.of());
  }

  private static RetentionRule regionLevel(String id, int days, ResourceTag... exclusions) {
    return rule(id, ResourceType.SNAPSHOT, days, List.of(), List.of(exclusions));
  }

  private static Snapshot tagged(Map<String, String> tags) {
    return accomplished().withTags(tags);
  }

  private static Decision<SnapshotDecisions.Deletion> delete(
      Snapshot snapshot, List<RetentionRule> rules, Instant now) {
    return SnapshotDecisions.delete(snapshot, REGION, ID, rules, now);
  }

  /**
   * Asserts the delete sends {@code snapshot} to the bin, kept by {@code ruleIds} until {@code
   * until}.
   */
  private static Snapshot assertBinned(
      Snapshot snapshot, List<RetentionRule> rules, List<String> ruleIds, Instant until) {
    SnapshotDecisions.Deletion deletion = accepted(delete(snapshot, rules, DELETED_AT));
    SnapshotDecisions.Deletion.ToRecycleBin toBin =
        assertInstanceOf(SnapshotDecisions.Deletion.ToRecycleBin.class, deletion);
    assertEquals(new DeletedSnapshot(ID, ruleIds, until), toBin.response());
    assertEquals(snapshot.inRecycleBinUntil(until), toBin.binned());
    return toBin.binned();
  }

  private static void assertDeletedForGood(Snapshot snapshot, List<RetentionRule> rules) {
    assertEquals(
        new SnapshotDecisions.Deletion.ForGood(new DeletedSnapshot(ID, List.of(), null)),
        accepted(delete(snapshot, rules, DELETED_AT)));
  }

  /** A snapshot deleted into the bin at {@link #DELETED_AT} by a 10-day region-level rule. */
  private static Snapshot binned() {
    return assertBinned(
        accomplished(),
        List.of(regionLevel("R0000000001", 10)),
        List.of("R0000000001"),
        DELETED_AT.plus(days(10)));
  }

  @Nested
  class DeleteToTheBin {
    @Test
    void aTagLevelRuleKeepsSnapshotsCarryingAnyOfItsTags() {
      List<RetentionRule> rules = List.of(tagLevel("R0000000001", 30, PROD, TEAM_A));
      assertBinned(
          tagged(Map.of("team", "a")), rules, List.of("R0000000001"), DELETED_AT.plus(days(30)));
      assertBinned(
          tagged(Map.of("env", "prod", "x", "y")),
          rules,
          List.of("R0000000001"),
          DELETED_AT.plus(days(30)));
      // Same key, another value; the value alone; no tags: no match.
      assertDeletedForGood(tagged(Map.of("env", "dev")), rules);
      assertDeletedForGood(tagged(Map.of("prod", "env")), rules);
      assertDeletedForGood(accomplished(), rules);
    }

    @Test
    void aRegionLevelRuleWithoutExclusionsKeepsEverySnapshot() {
      List<RetentionRule> rules = List.of(regionLevel("R0000000001", 7));
      assertBinned(accomplished(), rules, List.of("R0000000001"), DELETED_AT.plus(days(7)));
      assertBinned(
          tagged(Map.of("backup", "none")),
          rules,
          List.of("R0000000001"),
          DELETED_AT.plus(days(7)));
    }

    @Test
    void aRegionLevelRuleKeepsSnapshotsCarryingNoneOfItsExclusionTags() {
      List<RetentionRule> rules = List.of(regionLevel("R0000000001", 7, NO_BACKUP, TEAM_A));
      assertDeletedForGood(tagged(Map.of("backup", "none")), rules);
      assertDeletedForGood(tagged(Map.of("team", "a", "env", "prod")), rules);
      assertBinned(
          tagged(Map.of("backup", "daily", "team", "b")),
          rules,
          List.of("R0000000001"),
          DELETED_AT.plus(days(7)));
      assertBinned(accomplished(), rules, List.of("R0000000001"), DELETED_AT.plus(days(7)));
    }

    @Test
    void theLongestMatchingRetentionWinsAndEveryMatchingRuleIsNamedInOrder() {
      List<RetentionRule> rules =
          List.of(
              tagLevel("R0000000009", 10, PROD),
              regionLevel("R0000000003", 90),
              tagLevel("R0000000005", 3650, TEAM_A),
              regionLevel("R0000000001", 30, PROD));
      assertBinned(
          tagged(Map.of("env", "prod")),
          rules,
          List.of("R0000000003", "R0000000009"),
          DELETED_AT.plus(days(90)));
      assertBinned(
          tagged(Map.of("team", "a")),
          rules,
          List.of("R0000000001", "R0000000003", "R0000000005"),
          DELETED_AT.plus(days(3650)));
    }

    @Test
    void imageRulesRetainNothing() {
      List<RetentionRule> images =
          List.of(
              rule("R0000000001", ResourceType.IMAGE, 30, List.of(), List.of()),
              rule("R0000000002", ResourceType.IMAGE, 30, List.of(PROD), List.of()));
      assertDeletedForGood(tagged(Map.of("env", "prod")), images);
      List<RetentionRule> mixed = List.of(images.get(0), tagLevel("R0000000003", 5, PROD));
      assertBinned(
          tagged(Map.of("env", "prod")), mixed, List.of("R0000000003"), DELETED_AT.plus(days(5)));
    }

    @Test
    void withoutRulesASnapshotIsDeletedForGood() {
      assertDeletedForGood(tagged(Map.of("env", "prod")), List.of());
    }

    /** A rule retains whatever its own lock state. */
    @Test
    void lockedAndUnlockingRulesRetainLikeAnyOther() {
      RetentionRule locked =
          new RetentionRule(
              "R0000000001",
              REGION,
              "",
              ResourceType.SNAPSHOT,
              4,
              List.of(),
              List.of(),
              new LockConfiguration(7),
              null,
              T0,
              T0);
      RetentionRule unlocking =
          new RetentionRule(
              "R0000000002",
              REGION,
              "",
              ResourceType.SNAPSHOT,
              6,
              List.of(),
              List.of(),
              new LockConfiguration(7),
              DELETED_AT.plus(days(1)),
              T0,
              T0);
      assertBinned(
          accomplished(),
          List.of(locked, unlocking),
          List.of("R0000000001", "R0000000002"),
          DELETED_AT.plus(days(6)));
    }

    /** Rules that fail the test if the decision reads them at all. */
    private final List<RetentionRule> unreadable =
        new AbstractList<>() {
          @Override
          public RetentionRule get(int index) {
            throw new AssertionError("the rules were consulted");
          }

          @Override
          public int size() {
            throw new AssertionError("the rules were consulted");
          }
        };

    @Test
    void refusalsComeBeforeAnyRuleIsConsulted() {
      Snapshot locked = locked(accomplished(), lockDays(LockMode.GOVERNANCE, 5, 0), T0);
      rejected(delete(locked, unreadable, DELETED_AT), Reason.SNAPSHOT_LOCKED);
      rejected(delete(binned(), unreadable, DELETED_AT), Reason.SNAPSHOT_NOT_AVAILABLE);
      rejected(delete(null, unreadable, DELETED_AT), Reason.SNAPSHOT_NOT_FOUND);
      rejected(
          SnapshotDecisions.delete(null, REGION, "s-1", unreadable, DELETED_AT),
          Reason.INVALID_PARAMETER);
    }

    @Test
    void aLockedSnapshotIsRefusedUntilItsLockExpiresThenTheRulesApply() {
      Snapshot locked = locked(accomplished(), lockDays(LockMode.GOVERNANCE, 5, 0), T0);
      List<RetentionRule> rules = List.of(regionLevel("R0000000001", 30));
      rejected(delete(locked, rules, at(days(5)).minusMillis(1)), Reason.SNAPSHOT_LOCKED);
      // The expired lock goes into the bin with the snapshot, and comes back with it.
      SnapshotDecisions.Deletion.ToRecycleBin toBin =
          assertInstanceOf(
              SnapshotDecisions.Deletion.ToRecycleBin.class,
              accepted(delete(locked, rules, at(days(5)))));
      assertEquals(locked.inRecycleBinUntil(at(days(35))), toBin.binned());
    }

    @Test
    void aSnapshotInTheBinCannotBeDeletedAgain() {
      Snapshot binned = binned();
      assertEquals(
          Map.of("retain_until", "2030-01-12T00:00:00Z"),
          rejected(
                  delete(binned, List.of(), DELETED_AT.plusMillis(1)),
                  Reason.SNAPSHOT_NOT_AVAILABLE)
              .metadata());
    }
  }

  @Nested
  class Restore {
    private Decision<Snapshot> restore(Snapshot snapshot, Instant now) {
      return SnapshotDecisions.restore(snapshot, REGION, ID, now);
    }

    @Test
    void aSnapshotInTheBinComesBackActiveAsItWas() {
      Snapshot original = tagged(Map.of("env", "prod"));
      Snapshot binned =
          assertBinned(
              original,
              List.of(regionLevel("R0000000001", 3)),
              List.of("R0000000001"),
              DELETED_AT.plus(days(3)));
      Snapshot restored = accepted(restore(binned, DELETED_AT.plus(days(1))));
      assertEquals(original, restored);
      assertEquals(SnapshotState.ACTIVE, restored.state());
      assertEquals(null, restored.retainUntil());
    }

    @Test
    void anActiveSnapshotIsNotInTheBin() {
      rejected(restore(accomplished(), T0), Reason.SNAPSHOT_NOT_IN_RECYCLE_BIN);
    }

    @Test
    void fromRetainUntilOnTheSnapshotIsNotFound() {
      Snapshot binned = binned();
      accepted(restore(binned, binned.retainUntil().minusMillis(1)));
      rejected(restore(binned, binned.retainUntil()), Reason.SNAPSHOT_NOT_FOUND);
      rejected(restore(binned, binned.retainUntil().plus(days(100))), Reason.SNAPSHOT_NOT_FOUND);
    }

    @Test
    void unknownAndMalformedSnapshotsAreRefused() {
      rejected(restore(null, T0), Reason.SNAPSHOT_NOT_FOUND);
      rejected(SnapshotDecisions.restore(null, REGION, "s-1", T0), Reason.INVALID_PARAMETER);
    }
  }

  /**
   * One millisecond before {@code retainUntil} the snapshot is in the bin for every decision; at
   * {@code retainUntil} it is absent for every decision.
   */
  @Nested
  class GoneAtRetainUntil {
    private final Snapshot binned = binned();
    private final Instant before = binned.retainUntil().minusMillis(1);
    private final Instant atEnd = binned.retainUntil();

    @Test
    void isGoneAtTheBoundary() {
      assertFalse(binned.isGoneAt(before));
      assertTrue(binned.isGoneAt(atEnd));
      assertFalse(accomplished().isGoneAt(atEnd.plus(days(1000))));
    }

    @Test
    void lockIsRefusedAsNotAvailableThenAsNotFound() {
      rejected(
          Fixtures.lock(binned, lockDays(LockMode.GOVERNANCE, 1, 0), before),
          Reason.SNAPSHOT_NOT_AVAILABLE);
      rejected(
          Fixtures.lock(binned, lockDays(LockMode.GOVERNANCE, 1, 0), atEnd),
          Reason.SNAPSHOT_NOT_FOUND);
    }

    @Test
    void unlockFindsNoLockThenNoSnapshot() {
      rejected(Fixtures.unlock(binned, unlock(), before), Reason.SNAPSHOT_NOT_LOCKED);
      rejected(Fixtures.unlock(binned, unlock(), atEnd), Reason.SNAPSHOT_NOT_FOUND);
    }

    @Test
    void updateIsRefusedAsNotAvailableThenAsNotFound() {
      UpdateSnapshotCommand retag =
          new UpdateSnapshotCommand(REGION, ID, List.of("tags"), null, 0, false, Map.of("k", "v"));
      assertEquals(
          Map.of("retain_until", atEnd.toString()),
          rejected(SnapshotDecisions.update(binned, retag, before), Reason.SNAPSHOT_NOT_AVAILABLE)
              .metadata());
      rejected(SnapshotDecisions.update(binned, retag, atEnd), Reason.SNAPSHOT_NOT_FOUND);
    }

    @Test
    void deleteIsRefusedAsNotAvailableThenAsNotFound() {
      List<RetentionRule> rules = List.of(regionLevel("R0000000001", 10));
      rejected(delete(binned, rules, before), Reason.SNAPSHOT_NOT_AVAILABLE);
      rejected(delete(binned, rules, atEnd), Reason.SNAPSHOT_NOT_FOUND);
    }

    @Test
    void registerOfTheSameIdIsRefusedThenAccepted() {
      RegisterSnapshotCommand again =
          new RegisterSnapshotCommand(
              REGION, ID, SnapshotStatus.PROGRESSING, 0, false, "", Map.of(), null);
      rejected(
          SnapshotDecisions.register(binned, again, ID, before), Reason.SNAPSHOT_ALREADY_EXISTS);
      Snapshot registered = accepted(SnapshotDecisions.register(binned, again, ID, atEnd));
      assertEquals(
          new Snapshot(
              REGION,
              ID,
              SnapshotStatus.PROGRESSING,
              0,
              false,
              "",
              Map.of(),
              atEnd,
              SnapshotState.ACTIVE,
              null,
              null),
          registered);
    }
  }
}
