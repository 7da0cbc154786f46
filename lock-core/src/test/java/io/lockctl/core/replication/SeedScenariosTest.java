package io.lockctl.core.replication;

import static io.lockctl.core.lockkey.Fx.WEEK;
import static io.lockctl.core.lockkey.Rejections.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lockctl.core.error.Reason;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.testing.World;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Qumulo seed's lock_key_ref text (seeds/000), sentence by sentence, through the shells. */
class SeedScenariosTest {
  private final Replication replication = new Replication();

  /**
   * "Changing the lock key applies only to snapshots that the system takes after you make a
   * configuration change."
   */
  @Test
  void theKeyAppliesOnlyToPolicySnapshotsTakenAfterTheChange() {
    LockKey first = replication.createKey("first");
    LockKey second = replication.createKey("second");
    TargetRelationship relationship = replication.createRelationship(WEEK);

    PolicySnapshot beforeAnyKey = replication.takePolicySnapshot(relationship);
    replication.setLock(relationship, "first");
    PolicySnapshot withFirst = replication.takePolicySnapshot(relationship);
    replication.setLock(relationship, second.id());
    PolicySnapshot withSecond = replication.takePolicySnapshot(relationship);
    replication.clearLock(relationship);
    PolicySnapshot afterClearing = replication.takePolicySnapshot(relationship);

    assertNull(replication.stored(beforeAnyKey).lock());
    assertEquals(first.id(), replication.stored(withFirst).lock().lockKeyId());
    assertEquals(second.id(), replication.stored(withSecond).lock().lockKeyId());
    assertNull(replication.stored(afterClearing).lock());
  }

  /**
   * "Unless you configure an expiration on the snapshot policy on the target cluster, the system
   * does not lock snapshots."
   */
  @Test
  void withoutAnExpirationThePolicyLocksNothing() {
    replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(Duration.ZERO);
    replication.setLock(relationship, "backup-key");

    PolicySnapshot snapshot = replication.takePolicySnapshot(relationship);

    assertNull(replication.stored(snapshot).lock());
    assertNull(snapshot.expireTime());
  }

  /** "Only snapshots created by a policy will be locked ... until it expires." */
  @Test
  void aPolicySnapshotIsKeyLockedUntilItsExpiry() {
    LockKey key = replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");

    PolicySnapshot taken = replication.takePolicySnapshot(relationship);

    Snapshot stored = replication.stored(taken);
    assertEquals(LockMode.KEY, stored.lock().mode());
    assertEquals(key.id(), stored.lock().lockKeyId());
    assertEquals(stored.createTime().plus(WEEK), stored.lock().expireTime().orElseThrow());
    assertEquals(stored.createTime().plus(WEEK), taken.expireTime());
    assertEquals(relationship.id(), taken.createdByPolicy());
  }

  /**
   * "If you reverse the relationship ... the new target does not use this lock key. To enable
   * snapshot locking, you must configure the new target separately."
   */
  @Test
  void afterAReverseTheNewTargetHasNoKeyUntilOneIsSet() {
    replication.createKey("original");
    LockKey reversedKey = replication.createKey("reversed");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "original");

    replication.reverse(relationship);
    assertEquals("", replication.currentKey(relationship));
    assertNull(replication.stored(replication.takePolicySnapshot(relationship)).lock());

    replication.setLock(relationship, "reversed");
    assertEquals(
        reversedKey.id(),
        replication.stored(replication.takePolicySnapshot(relationship)).lock().lockKeyId());
  }

  /**
   * "If you revert the reversed relationship ..., the system preserves the original target
   * replication relationship lock key."
   */
  @Test
  void revertingRestoresTheOriginalKey() {
    LockKey original = replication.createKey("original");
    replication.createKey("reversed");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "original");
    replication.reverse(relationship);
    replication.setLock(relationship, "reversed");

    replication.revert(relationship);

    assertEquals(original.id(), replication.currentKey(relationship));
    assertEquals(
        original.id(),
        replication.stored(replication.takePolicySnapshot(relationship)).lock().lockKeyId());
  }

  /**
   * "Unless you reverse the relationship, you cannot disable or delete a lock key while a target
   * replication relationship uses the key."
   */
  @Test
  void theKeyCannotBeDisabledOrDeletedWhileTheOriginalOrientationUsesIt() {
    LockKey key = replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");

    refused(Reason.LOCK_KEY_IN_USE, () -> replication.disable(key));
    refused(Reason.LOCK_KEY_IN_USE, () -> replication.delete(key));

    assertEquals(key, replication.world.keys.get(World.CALLER, "backup-key"));
  }

  /** The same rule for the reversed orientation's own key. */
  @Test
  void theReversedOrientationsKeyCannotBeDisabledOrDeletedEither() {
    LockKey key = replication.createKey("reversed");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.reverse(relationship);
    replication.setLock(relationship, "reversed");

    refused(Reason.LOCK_KEY_IN_USE, () -> replication.disable(key));
    refused(Reason.LOCK_KEY_IN_USE, () -> replication.delete(key));
  }

  /**
   * "If you disable ... a lock key while the relationship is reversed and you then revert the
   * reversal, the original source-target relationship has no lock key until you configure a new
   * one."
   */
  @Test
  void reverseThenDisableTheKeyThenRevertLeavesNoKey() {
    LockKey key = replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    replication.reverse(relationship);

    replication.disable(key);
    replication.revert(relationship);

    assertEquals("", replication.currentKey(relationship));
    assertNull(replication.stored(replication.takePolicySnapshot(relationship)).lock());
  }

  /** Enabling the key again before the revert does not bring it back: it was disabled meanwhile. */
  @Test
  void aKeyDisabledAndEnabledAgainWhileReversedIsNotRestoredByTheRevert() {
    LockKey key = replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    replication.reverse(relationship);
    replication.disable(key);
    replication.enable(key);

    replication.revert(relationship);

    assertEquals("", replication.currentKey(relationship));
  }

  /**
   * "If you ... delete a lock key while the relationship is reversed and you then revert the
   * reversal, the original source-target relationship has no lock key until you configure a new
   * one."
   */
  @Test
  void reverseThenDeleteTheKeyThenRevertLeavesNoKeyUntilOneIsSet() {
    LockKey key = replication.createKey("backup-key");
    LockKey replacement = replication.createKey("replacement");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    replication.reverse(relationship);

    replication.delete(key);
    replication.revert(relationship);
    assertEquals("", replication.currentKey(relationship));

    replication.setLock(relationship, "replacement");
    assertEquals(replacement.id(), replication.currentKey(relationship));
  }

  /** Setting a lock on a reversed relationship sets the reversed orientation's key only. */
  @Test
  void settingALockWhileReversedLeavesTheDormantKeyAlone() {
    LockKey original = replication.createKey("original");
    replication.createKey("reversed");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "original");
    replication.reverse(relationship);

    TargetRelationship updated = replication.setLock(relationship, "reversed");

    assertEquals(original.id(), updated.dormantKeyId().orElseThrow());
  }

  /** "A key that still locks snapshots cannot be deleted", even when no relationship uses it. */
  @Test
  void aKeyThatStillLocksSnapshotsCannotBeDeletedUntilTheyExpire() {
    LockKey key = replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    replication.takePolicySnapshot(relationship);
    replication.clearLock(relationship);

    var rejection = refused(Reason.LOCK_KEY_IN_USE, () -> replication.delete(key));
    assertEquals("1", rejection.metadata().get("locked_snapshot_count"));

    replication.world.advance(WEEK);
    replication.delete(key);
  }

  /** "A disabled key cannot lock anything new but still unlocks what it locked." */
  @Test
  void aDisabledKeyLocksNothingNewButStillUnlocks() {
    LockKey key = replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    Snapshot locked = replication.stored(replication.takePolicySnapshot(relationship));
    replication.clearLock(relationship);
    replication.disable(key);

    refused(Reason.LOCK_KEY_DISABLED, () -> replication.setLock(relationship, "backup-key"));
    String signature = replication.signedChallenge(locked);
    assertEquals(locked.lock(), replication.unlock(locked, signature).removedLock());
  }

  /**
   * Unlocking spends the challenge: the same signature cannot unlock a lock recreated in the same
   * millisecond.
   */
  @Test
  void aSpentChallengeCannotBeReplayed() {
    replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    Snapshot locked = replication.stored(replication.takePolicySnapshot(relationship));
    String signature = replication.signedChallenge(locked);
    replication.unlock(locked, signature);
    // The same lock again, made in the same millisecond, has the same challenges.
    replication.world.write(
        tx -> {
          tx.snapshots().update(locked);
          return null;
        });

    refused(Reason.INVALID_UNLOCK_SIGNATURE, () -> replication.unlock(locked, signature));
  }
}
