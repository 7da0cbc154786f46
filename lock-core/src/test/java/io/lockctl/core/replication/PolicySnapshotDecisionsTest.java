package io.lockctl.core.replication;

import static io.lockctl.core.lockkey.Fx.KEY_ID;
import static io.lockctl.core.lockkey.Fx.REL_ID;
import static io.lockctl.core.lockkey.Fx.T0;
import static io.lockctl.core.lockkey.Fx.WEEK;
import static io.lockctl.core.lockkey.Rejections.accepted;
import static io.lockctl.core.lockkey.Rejections.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.error.Reason;
import io.lockctl.core.lockkey.Fx;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.SnapshotLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicySnapshotDecisionsTest {
  private static final Instant NOW = T0.plus(Duration.ofHours(5));

  @Test
  void withAnExpirationAndAKeyTheSnapshotIsKeyLockedUntilItExpires() {
    PolicySnapshotPlan plan =
        accepted(
            PolicySnapshotDecisions.plan(
                Relationships.withKeys(Orientation.ORIGINAL, KEY_ID, null),
                REL_ID,
                Fx.key(KEY_ID),
                NOW));
    assertEquals(new PolicySnapshotPlan(REL_ID, Fx.REGION, NOW, NOW.plus(WEEK), KEY_ID), plan);
    SnapshotLock lock = plan.lock().orElseThrow();
    assertEquals(
        new SnapshotLock(LockMode.KEY, NOW, 0, new LockTerm.Until(NOW.plus(WEEK)), NOW, KEY_ID, 1),
        lock);
    assertEquals(LockStatus.KEY, lock.statusAt(NOW.plus(WEEK).minusMillis(1)));
    assertEquals(LockStatus.EXPIRED, lock.statusAt(NOW.plus(WEEK)));
  }

  @Test
  void withoutAnExpirationNothingIsLockedEvenWithAKey() {
    TargetRelationship relationship =
        Relationships.relationship(Duration.ZERO).withCurrentKey(KEY_ID);
    PolicySnapshotPlan plan =
        accepted(PolicySnapshotDecisions.plan(relationship, REL_ID, Fx.key(KEY_ID), NOW));
    assertEquals(new PolicySnapshotPlan(REL_ID, Fx.REGION, NOW, null, null), plan);
    assertEquals(Optional.empty(), plan.lock());
  }

  @Test
  void withoutAKeyTheSnapshotExpiresButIsNotLocked() {
    PolicySnapshotPlan plan =
        accepted(PolicySnapshotDecisions.plan(Relationships.relationship(WEEK), REL_ID, null, NOW));
    assertEquals(NOW.plus(WEEK), plan.expireTime());
    assertEquals(Optional.empty(), plan.lock());
  }

  @Test
  void aReversedRelationshipUsesTheReversedKeyNeverTheDormantOne() {
    TargetRelationship reversed = Relationships.withKeys(Orientation.REVERSED, KEY_ID, null);
    assertEquals(
        Optional.empty(),
        accepted(PolicySnapshotDecisions.plan(reversed, REL_ID, null, NOW)).lock());
  }

  @Test
  void aDisabledKeyLocksNothingNew() {
    PolicySnapshotPlan plan =
        accepted(
            PolicySnapshotDecisions.plan(
                Relationships.withKeys(Orientation.ORIGINAL, KEY_ID, null),
                REL_ID,
                Fx.key(KEY_ID, "old", true),
                NOW));
    assertEquals(Optional.empty(), plan.lock());
  }

  @Test
  void anUnknownRelationship() {
    rejected(PolicySnapshotDecisions.plan(null, REL_ID, null, NOW), Reason.RELATIONSHIP_NOT_FOUND);
    rejected(
        PolicySnapshotDecisions.plan(null, "nope", null, NOW),
        Reason.INVALID_PARAMETER,
        "relationship_id");
  }
}
