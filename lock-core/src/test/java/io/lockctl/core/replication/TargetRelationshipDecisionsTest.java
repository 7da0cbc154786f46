package io.lockctl.core.replication;

import static io.lockctl.core.lockkey.Fx.KEY_ID;
import static io.lockctl.core.lockkey.Fx.OTHER_KEY_ID;
import static io.lockctl.core.lockkey.Fx.REL_ID;
import static io.lockctl.core.lockkey.Fx.T0;
import static io.lockctl.core.lockkey.Rejections.accepted;
import static io.lockctl.core.lockkey.Rejections.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.error.Reason;
import io.lockctl.core.lockkey.Fx;
import io.lockctl.core.lockkey.Rejections;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetRelationshipDecisionsTest {

  @Test
  void createStartsOriginalWithoutAKeyAndTruncatesTheTtlToMillis() {
    TargetRelationship created =
        accepted(
            TargetRelationshipDecisions.create(
                new CreateTargetRelationshipCommand(
                    Fx.REGION, "cluster-a", "/data", "/replica", Duration.ofDays(7).plusNanos(999)),
                REL_ID,
                T0));
    assertEquals(Relationships.relationship(Duration.ofDays(7)), created);
    assertEquals(Optional.empty(), created.currentKeyId());
  }

  @Test
  void createNamesEveryBadField() {
    rejected(
        TargetRelationshipDecisions.create(
            new CreateTargetRelationshipCommand(
                "Bad", "", "relative", "/a\u0000b", Duration.ofSeconds(-1)),
            REL_ID,
            T0),
        Reason.INVALID_PARAMETER,
        "region_id",
        "source_cluster",
        "source_path",
        "target_path",
        "snapshot_policy.expiration_ttl");
    rejected(
        TargetRelationshipDecisions.create(
            new CreateTargetRelationshipCommand(
                Fx.REGION, "c".repeat(256), "/" + "p".repeat(4096), "/t", Duration.ofDays(36501)),
            REL_ID,
            T0),
        Reason.INVALID_PARAMETER,
        "source_cluster",
        "source_path",
        "snapshot_policy.expiration_ttl");
  }

  @Test
  void aPolicyWithoutTtlHasNoExpiration() {
    assertEquals(false, Relationships.relationship(Duration.ZERO).hasExpiration());
    assertEquals(true, Relationships.relationship(Duration.ofMillis(1)).hasExpiration());
  }

  @Test
  void reverseLeavesTheNewOrientationWithoutAKeyAndKeepsTheOriginalDormant() {
    TargetRelationship reversed =
        accepted(
            TargetRelationshipDecisions.reverse(
                Relationships.withKeys(Orientation.ORIGINAL, KEY_ID, null), REL_ID));
    assertEquals(Orientation.REVERSED, reversed.orientation());
    assertEquals(Optional.empty(), reversed.currentKeyId());
    assertEquals(Optional.of(KEY_ID), reversed.dormantKeyId());
  }

  @Test
  void reverseOfAReversedRelationshipIsInvalidRelationshipState() {
    var rejection =
        Rejections.rejected(
            TargetRelationshipDecisions.reverse(
                Relationships.withKeys(Orientation.REVERSED, null, null), REL_ID),
            Reason.INVALID_RELATIONSHIP_STATE);
    assertEquals(Map.of("orientation", "REVERSED"), rejection.metadata());
  }

  @Test
  void revertRestoresTheDormantKeyAndForgetsTheReversedOne() {
    TargetRelationship reverted =
        accepted(
            TargetRelationshipDecisions.revert(
                Relationships.withKeys(Orientation.REVERSED, KEY_ID, OTHER_KEY_ID), REL_ID));
    assertEquals(Relationships.withKeys(Orientation.ORIGINAL, KEY_ID, null), reverted);
  }

  @Test
  void revertWithoutADormantKeyLeavesNoKey() {
    TargetRelationship reverted =
        accepted(
            TargetRelationshipDecisions.revert(
                Relationships.withKeys(Orientation.REVERSED, null, OTHER_KEY_ID), REL_ID));
    assertEquals(Optional.empty(), reverted.currentKeyId());
  }

  @Test
  void revertOfAnOriginalRelationshipIsInvalidRelationshipState() {
    rejected(
        TargetRelationshipDecisions.revert(
            Relationships.withKeys(Orientation.ORIGINAL, KEY_ID, null), REL_ID),
        Reason.INVALID_RELATIONSHIP_STATE);
  }

  @Test
  void anUnknownOrMalformedRelationship() {
    rejected(TargetRelationshipDecisions.reverse(null, REL_ID), Reason.RELATIONSHIP_NOT_FOUND);
    rejected(TargetRelationshipDecisions.revert(null, REL_ID), Reason.RELATIONSHIP_NOT_FOUND);
    rejected(
        TargetRelationshipDecisions.found(null, REL_ID.toUpperCase(Locale.ROOT)),
        Reason.INVALID_PARAMETER,
        "relationship_id");
    rejected(
        TargetRelationshipDecisions.setLock(
            null, new SetTargetRelationshipLockCommand(REL_ID, KEY_ID, false), Fx.key(KEY_ID)),
        Reason.RELATIONSHIP_NOT_FOUND);
  }

  @Test
  void setLockSetsTheCurrentOrientationsKeyOnly() {
    TargetRelationship original =
        accepted(
            TargetRelationshipDecisions.setLock(
                Relationships.withKeys(Orientation.ORIGINAL, null, null),
                new SetTargetRelationshipLockCommand(REL_ID, KEY_ID, false),
                Fx.key(KEY_ID)));
    assertEquals(Relationships.withKeys(Orientation.ORIGINAL, KEY_ID, null), original);

    TargetRelationship reversed =
        accepted(
            TargetRelationshipDecisions.setLock(
                Relationships.withKeys(Orientation.REVERSED, KEY_ID, null),
                new SetTargetRelationshipLockCommand(REL_ID, "name-bbb", false),
                Fx.key(OTHER_KEY_ID)));
    assertEquals(Relationships.withKeys(Orientation.REVERSED, KEY_ID, OTHER_KEY_ID), reversed);
  }

  @Test
  void clearLockClearsTheCurrentOrientationsKeyOnly() {
    assertEquals(
        Relationships.withKeys(Orientation.REVERSED, KEY_ID, null),
        accepted(
            TargetRelationshipDecisions.setLock(
                Relationships.withKeys(Orientation.REVERSED, KEY_ID, OTHER_KEY_ID),
                new SetTargetRelationshipLockCommand(REL_ID, "", true),
                null)));
    assertEquals(
        Relationships.withKeys(Orientation.ORIGINAL, null, null),
        accepted(
            TargetRelationshipDecisions.setLock(
                Relationships.withKeys(Orientation.ORIGINAL, KEY_ID, null),
                new SetTargetRelationshipLockCommand(REL_ID, "", true),
                null)));
  }

  @Test
  void neitherOrBothOfKeyAndClearIsInvalidParameter() {
    TargetRelationship relationship = Relationships.withKeys(Orientation.ORIGINAL, null, null);
    rejected(
        TargetRelationshipDecisions.setLock(
            relationship, new SetTargetRelationshipLockCommand(REL_ID, "", false), null),
        Reason.INVALID_PARAMETER,
        "lock_key_ref");
    rejected(
        TargetRelationshipDecisions.setLock(
            relationship,
            new SetTargetRelationshipLockCommand(REL_ID, KEY_ID, true),
            Fx.key(KEY_ID)),
        Reason.INVALID_PARAMETER,
        "lock_key_ref");
    rejected(
        TargetRelationshipDecisions.setLock(
            relationship, new SetTargetRelationshipLockCommand(REL_ID, "bad ref!", false), null),
        Reason.INVALID_PARAMETER,
        "lock_key_ref");
  }

  @Test
  void setLockWithAnUnknownOrDisabledKey() {
    TargetRelationship relationship = Relationships.withKeys(Orientation.ORIGINAL, null, null);
    rejected(
        TargetRelationshipDecisions.setLock(
            relationship, new SetTargetRelationshipLockCommand(REL_ID, "missing", false), null),
        Reason.LOCK_KEY_NOT_FOUND);
    rejected(
        TargetRelationshipDecisions.setLock(
            relationship,
            new SetTargetRelationshipLockCommand(REL_ID, "old", false),
            Fx.key(KEY_ID, "old", true)),
        Reason.LOCK_KEY_DISABLED);
  }
}
