package io.lockctl.core.lockkey;

import static io.lockctl.core.lockkey.Fx.KEY_ID;
import static io.lockctl.core.lockkey.Fx.REGION;
import static io.lockctl.core.lockkey.Fx.T0;
import static io.lockctl.core.lockkey.Rejections.accepted;
import static io.lockctl.core.lockkey.Rejections.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UnlockChallengesTest {
  private static final String SNAPSHOT_ID = "s-0123456789abcdefghij";
  private static final Instant ISSUED = T0.plusSeconds(30);
  private static final KeyPair PAIR = TestKeys.p256();
  private static final LockKey KEY =
      new LockKey(KEY_ID, "backup-key", "", TestKeys.pem(PAIR.getPublic()), false, T0);

  private final UnlockChallenges challenges = new UnlockChallenges(secret(1));
  private final Set<String> used = new HashSet<>();

  @Test
  void aChallengeSignedByTheLockKeyUnlocks() {
    SnapshotLock lock = keyLock(1);
    UnlockChallenge challenge = issue(lock, ISSUED);
    assertEquals(challenge, accepted(verify(lock, KEY, sign(challenge), ISSUED.plusSeconds(10))));
  }

  @Test
  void theChallengeIsOnePrintableLineBoundToTheSnapshotItsLockAndTheKey() {
    SnapshotLock lock = keyLock(3);
    String text = issue(lock, ISSUED).text();
    assertTrue(Pattern.matches("[\\x20-\\x7E]+", text), text);
    assertTrue(
        text.startsWith(
            "lockctl-unlock-challenge-v1 region=cn-hangzhou snapshot="
                + SNAPSHOT_ID
                + " lock-version=3 lock-created="
                + T0.toEpochMilli()
                + " key="
                + KEY_ID
                + " issued=2030-01-01T00:00:00Z expires=2030-01-01T00:06:00Z nonce="),
        text);
  }

  @Test
  void aChallengeIsValidForFiveToSixMinutes() {
    SnapshotLock lock = keyLock(1);
    UnlockChallenge challenge = issue(lock, ISSUED);
    assertEquals(T0.plus(Duration.ofMinutes(6)), challenge.expireTime());
    accepted(verify(lock, KEY, sign(challenge), challenge.expireTime().minusMillis(1)));
    rejected(
        verify(lock, KEY, sign(challenge), challenge.expireTime()),
        Reason.INVALID_UNLOCK_SIGNATURE);
    assertTrue(
        Duration.between(ISSUED, challenge.expireTime()).compareTo(Duration.ofMinutes(5)) >= 0);
  }

  @Test
  void aChallengeIsStaleOnceTheLockChanges() {
    UnlockChallenge beforeExtension = issue(keyLock(1), ISSUED);
    rejected(
        verify(keyLock(2), KEY, sign(beforeExtension), ISSUED), Reason.INVALID_UNLOCK_SIGNATURE);
  }

  @Test
  void aChallengeForALockRecreatedAtAnotherTimeDoesNotUnlockIt() {
    UnlockChallenge first = issue(keyLock(1), ISSUED);
    SnapshotLock recreated =
        new SnapshotLock(
            LockMode.KEY,
            T0.plusMillis(1),
            0,
            new LockTerm.Until(T0.plus(Duration.ofDays(30))),
            T0,
            KEY_ID,
            1);
    rejected(verify(recreated, KEY, sign(first), ISSUED), Reason.INVALID_UNLOCK_SIGNATURE);
  }

  @Test
  void aChallengeServesOnce() {
    SnapshotLock lock = keyLock(1);
    UnlockChallenge challenge = issue(lock, ISSUED);
    used.add(accepted(verify(lock, KEY, sign(challenge), ISSUED)).nonce());
    rejected(verify(lock, KEY, sign(challenge), ISSUED), Reason.INVALID_UNLOCK_SIGNATURE);
    // a new challenge, from a later window, still works
    UnlockChallenge later = issue(lock, ISSUED.plus(Duration.ofMinutes(1)));
    assertNotEquals(challenge.nonce(), later.nonce());
    accepted(verify(lock, KEY, sign(later), ISSUED.plus(Duration.ofMinutes(1))));
  }

  @Test
  void aSignatureByAnotherKeyOrOfOtherBytesIsRefused() {
    SnapshotLock lock = keyLock(1);
    UnlockChallenge challenge = issue(lock, ISSUED);
    rejected(
        verify(lock, KEY, TestKeys.sign(TestKeys.p256().getPrivate(), challenge.bytes()), ISSUED),
        Reason.INVALID_UNLOCK_SIGNATURE);
    rejected(
        verify(lock, KEY, TestKeys.sign(PAIR.getPrivate(), challenge.text() + "\n"), ISSUED),
        Reason.INVALID_UNLOCK_SIGNATURE);
    rejected(verify(lock, KEY, "", ISSUED), Reason.INVALID_UNLOCK_SIGNATURE);
    rejected(verify(lock, KEY, "not base64!", ISSUED), Reason.INVALID_UNLOCK_SIGNATURE);
  }

  @Test
  void aChallengeMadeUpWithoutTheServerSecretIsRefused() {
    SnapshotLock lock = keyLock(1);
    UnlockChallenge forged =
        new UnlockChallenges(secret(2))
            .issue(snapshot(lock), REGION, SNAPSHOT_ID, ISSUED)
            .orElseThrow();
    rejected(verify(lock, KEY, sign(forged), ISSUED), Reason.INVALID_UNLOCK_SIGNATURE);
  }

  @Test
  void aChallengeForAnotherSnapshotIsRefused() {
    SnapshotLock lock = keyLock(1);
    UnlockChallenge other =
        challenges
            .issue(snapshot(lock).withLock(lock), REGION, "s-zzzzzzzzzzzzzzzzzzzz", ISSUED)
            .orElseThrow();
    rejected(verify(lock, KEY, sign(other), ISSUED), Reason.INVALID_UNLOCK_SIGNATURE);
  }

  @Test
  void aDisabledKeyStillUnlocks() {
    SnapshotLock lock = keyLock(1);
    UnlockChallenge challenge = issue(lock, ISSUED);
    accepted(
        verify(
            lock,
            new LockKey(KEY_ID, "backup-key", "", KEY.publicKeyPem(), true, T0),
            sign(challenge),
            ISSUED));
  }

  @Test
  void aMissingKeyUnlocksNothing() {
    SnapshotLock lock = keyLock(1);
    rejected(
        verify(lock, null, sign(issue(lock, ISSUED)), ISSUED), Reason.INVALID_UNLOCK_SIGNATURE);
  }

  /** Every call treats it as absent from its retain_until on, reclaimed by storage or not. */
  @Test
  void aSnapshotGoneFromTheRecycleBinIsNotFound() {
    Instant retainUntil = ISSUED.plus(Duration.ofDays(1));
    Snapshot gone = snapshot(null).inRecycleBinUntil(retainUntil);
    rejected(challenges.issue(gone, REGION, SNAPSHOT_ID, retainUntil), Reason.SNAPSHOT_NOT_FOUND);
    rejected(
        challenges.issue(gone, REGION, SNAPSHOT_ID, retainUntil.minusMillis(1)),
        Reason.SNAPSHOT_NOT_LOCKED);
  }

  @Test
  void challengesAreIssuedOnlyForAnActiveKeyLock() {
    rejected(challenges.issue(null, REGION, SNAPSHOT_ID, ISSUED), Reason.SNAPSHOT_NOT_FOUND);
    rejected(
        challenges.issue(snapshot(null), REGION, SNAPSHOT_ID, ISSUED), Reason.SNAPSHOT_NOT_LOCKED);
    SnapshotLock governance =
        new SnapshotLock(LockMode.GOVERNANCE, T0, 0, new LockTerm.Days(1), T0, null, 1);
    rejected(
        challenges.issue(snapshot(governance), REGION, SNAPSHOT_ID, ISSUED),
        Reason.SNAPSHOT_NOT_LOCKED);
    rejected(
        challenges.issue(snapshot(keyLock(1)), REGION, SNAPSHOT_ID, T0.plus(Duration.ofDays(30))),
        Reason.SNAPSHOT_NOT_LOCKED);
    rejected(
        challenges.issue(null, "Bad", "s-1", ISSUED),
        Reason.INVALID_PARAMETER,
        "region_id",
        "snapshot_id");
  }

  @Test
  void theSecretMustBeLongEnough() {
    assertThrows(IllegalArgumentException.class, () -> new UnlockChallenges(new byte[31]));
  }

  @Test
  void theBytesAreTheAsciiText() {
    UnlockChallenge challenge = issue(keyLock(1), ISSUED);
    assertEquals(challenge.text(), new String(challenge.bytes(), StandardCharsets.US_ASCII));
    assertFalse(challenge.text().endsWith("\n"));
  }

  private UnlockChallenge issue(SnapshotLock lock, Instant now) {
    return accepted(challenges.issue(snapshot(lock), REGION, SNAPSHOT_ID, now));
  }

  private Decision<UnlockChallenge> verify(
      SnapshotLock lock, LockKey key, String signature, Instant now) {
    return challenges.verify(REGION, SNAPSHOT_ID, lock, key, signature, now, used::contains);
  }

  private static String sign(UnlockChallenge challenge) {
    return TestKeys.sign(PAIR.getPrivate(), challenge.bytes());
  }

  private static SnapshotLock keyLock(long version) {
    return new SnapshotLock(
        LockMode.KEY, T0, 0, new LockTerm.Until(T0.plus(Duration.ofDays(30))), T0, KEY_ID, version);
  }

  private static Snapshot snapshot(SnapshotLock lock) {
    return new Snapshot(
        REGION,
        SNAPSHOT_ID,
        SnapshotStatus.ACCOMPLISHED,
        0,
        false,
        "",
        Map.of(),
        T0,
        SnapshotState.ACTIVE,
        null,
        lock);
  }

  private static byte[] secret(int fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) fill);
    return secret;
  }
}
