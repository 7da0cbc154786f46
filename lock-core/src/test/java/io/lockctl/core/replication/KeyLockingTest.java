package io.lockctl.core.replication;

import static io.lockctl.core.lockkey.Fx.REGION;
import static io.lockctl.core.lockkey.Fx.WEEK;
import static io.lockctl.core.lockkey.Rejections.refused;
import static io.lockctl.core.testing.World.await;
import static io.lockctl.core.testing.World.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.TestKeys;
import io.lockctl.core.lockkey.UnlockChallenge;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.snapshotlock.UnlockedSnapshot;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The snapshot locks' KEY mode through the application service, with the lock keys behind it:
 * LockSnapshot with a key, extension only with the same key to a later expiry, and UnlockSnapshot
 * only with a signature of a current, unused challenge. Keys are JDK-generated P-256 pairs held by
 * the test.
 */
class KeyLockingTest {
  private static final String SNAPSHOT_ID = "s-0123456789abcdefghij";

  private final Replication replication = new Replication();

  private Snapshot registered() {
    return await(
            replication.world.snapshots.register(
                call(),
                new RegisterSnapshotCommand(
                    REGION,
                    SNAPSHOT_ID,
                    SnapshotStatus.ACCOMPLISHED,
                    0,
                    false,
                    "",
                    Map.of(),
                    null)))
        .value();
  }

  private Snapshot lock(LockMode mode, int days, String keyRef) {
    return await(
            replication.world.locks.lock(
                call(),
                new LockSnapshotCommand(
                    REGION, SNAPSHOT_ID, mode, new LockTerm.Days(days), 0, keyRef)))
        .value();
  }

  private Snapshot lockWithKey(String keyRef, int days) {
    return lock(LockMode.KEY, days, keyRef);
  }

  private UnlockedSnapshot unlock(String signature) {
    return replication.unlock(stored(), signature);
  }

  private Snapshot stored() {
    return replication.world.read(tx -> tx.snapshots().find(REGION, SNAPSHOT_ID).orElseThrow());
  }

  @Test
  void aKeyLocksASnapshotByNameOrById() {
    LockKey key = replication.createKey("backup-key");
    registered();

    SnapshotLock lock = lockWithKey("backup-key", 30).lock();

    assertEquals(LockMode.KEY, lock.mode());
    assertEquals(key.id(), lock.lockKeyId());
    assertEquals(LockStatus.KEY, lock.statusAt(replication.world.now()));
    assertEquals(lock, stored().lock());
    assertEquals(key.id(), lockWithKey(key.id(), 31).lock().lockKeyId());
  }

  @Test
  void anUnknownOrDisabledKeyLocksNothing() {
    LockKey key = replication.createKey("backup-key");
    registered();

    Rejection notFound = refused(Reason.LOCK_KEY_NOT_FOUND, () -> lockWithKey("no-such-key", 30));
    assertEquals(Map.of("lock_key_ref", "no-such-key"), notFound.metadata());
    refused(Reason.LOCK_KEY_NOT_FOUND, () -> lockWithKey("not a key ref!", 30));
    replication.disable(key);
    Rejection disabled = refused(Reason.LOCK_KEY_DISABLED, () -> lockWithKey("backup-key", 30));
    assertEquals(Map.of("lock_key_id", key.id()), disabled.metadata());
    assertNull(stored().lock());
  }

  @Test
  void aKeyLockIsExtendedOnlyWithItsOwnKeyToALaterExpiry() {
    LockKey key = replication.createKey("backup-key");
    replication.createKey("other-key");
    registered();
    SnapshotLock first = lockWithKey("backup-key", 30).lock();

    refused(Reason.SNAPSHOT_LOCKED, () -> lockWithKey("other-key", 60));
    refused(Reason.SNAPSHOT_LOCKED, () -> lockWithKey("backup-key", 30));
    refused(Reason.SNAPSHOT_LOCKED, () -> lockWithKey("backup-key", 29));
    refused(Reason.SNAPSHOT_LOCKED, () -> lock(LockMode.GOVERNANCE, 60, ""));
    refused(Reason.SNAPSHOT_LOCKED, () -> lock(LockMode.COMPLIANCE, 60, ""));
    assertEquals(first, stored().lock());

    SnapshotLock extended = lockWithKey(key.id(), 31).lock();
    assertEquals(first.version() + 1, extended.version());
    assertEquals(
        first.expireTime().orElseThrow().plus(Duration.ofDays(1)),
        extended.expireTime().orElseThrow());
  }

  @Test
  void itsOwnKeyOnceDisabledCannotExtendIt() {
    LockKey key = replication.createKey("backup-key");
    registered();
    lockWithKey("backup-key", 30);
    replication.disable(key);

    refused(Reason.LOCK_KEY_DISABLED, () -> lockWithKey("backup-key", 60));
  }

  @Test
  void aValidSignatureRemovesTheLockOnceAndSpendsTheChallenge() {
    LockKey key = replication.createKey("backup-key");
    registered();
    Snapshot locked = lockWithKey("backup-key", 30);
    String signature = replication.signedChallenge(locked);

    UnlockedSnapshot unlocked = unlock(signature);

    assertEquals(locked.lock(), unlocked.removedLock());
    assertNull(stored().lock());
    refused(Reason.SNAPSHOT_NOT_LOCKED, () -> unlock(signature));
    // Relocked in the same millisecond, the lock has the same challenges; the spent one is refused.
    lockWithKey("backup-key", 30);
    assertEquals(locked.lock(), stored().lock());
    refused(Reason.INVALID_UNLOCK_SIGNATURE, () -> unlock(signature));
    refused(Reason.LOCK_KEY_IN_USE, () -> replication.delete(key));
  }

  @Test
  void aMissingOrWrongSignatureIsRefused() {
    replication.createKey("backup-key");
    LockKey other = replication.createKey("other-key");
    registered();
    Snapshot locked = lockWithKey("backup-key", 30);
    UnlockChallenge challenge = replication.challenge(locked);

    refused(Reason.INVALID_UNLOCK_SIGNATURE, () -> unlock(""));
    refused(Reason.INVALID_UNLOCK_SIGNATURE, () -> unlock("not base64 at all"));
    refused(
        Reason.INVALID_UNLOCK_SIGNATURE,
        () -> unlock(TestKeys.sign(TestKeys.p256().getPrivate(), challenge.bytes())));
    // The other key's holder signing this snapshot's challenge: not the lock's key.
    Snapshot otherLocked =
        locked.withLock(
            new SnapshotLock(
                LockMode.KEY,
                locked.lock().creationTime(),
                0,
                locked.lock().term(),
                locked.lock().durationStartTime(),
                other.id(),
                locked.lock().version()));
    refused(
        Reason.INVALID_UNLOCK_SIGNATURE, () -> unlock(replication.signedChallenge(otherLocked)));
    assertEquals(locked.lock(), stored().lock());
  }

  @Test
  void anExtensionMakesEarlierChallengesStale() {
    replication.createKey("backup-key");
    registered();
    Snapshot locked = lockWithKey("backup-key", 30);
    String beforeExtension = replication.signedChallenge(locked);

    Snapshot extended = lockWithKey("backup-key", 31);

    refused(Reason.INVALID_UNLOCK_SIGNATURE, () -> unlock(beforeExtension));
    unlock(replication.signedChallenge(extended));
    assertNull(stored().lock());
  }

  @Test
  void aChallengeExpiresAfterFiveToSixMinutes() {
    replication.createKey("backup-key");
    registered();
    Snapshot locked = lockWithKey("backup-key", 30);
    String signature = replication.signedChallenge(locked);

    replication.world.advance(Duration.ofMinutes(6));

    refused(Reason.INVALID_UNLOCK_SIGNATURE, () -> unlock(signature));
    unlock(replication.signedChallenge(stored()));
  }

  @Test
  void aDisabledKeyStillUnlocksWhatItLocked() {
    LockKey key = replication.createKey("backup-key");
    registered();
    Snapshot locked = lockWithKey("backup-key", 30);
    replication.disable(key);

    unlock(replication.signedChallenge(locked));

    assertNull(stored().lock());
  }

  @Test
  void aPolicySnapshotsKeyLockIsRemovedTheSameWay() {
    replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    Snapshot locked = replication.stored(replication.takePolicySnapshot(relationship));

    replication.unlock(locked, replication.signedChallenge(locked));

    assertNull(
        replication
            .world
            .read(tx -> tx.snapshots().find(locked.regionId(), locked.snapshotId()))
            .orElseThrow()
            .lock());
    assertEquals(relationship.id(), locked.createdByPolicy());
    assertEquals(locked.createTime().plus(WEEK), locked.expireTime());
  }
}
