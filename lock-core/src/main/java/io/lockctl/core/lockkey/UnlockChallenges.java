package io.lockctl.core.lockkey;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.Identifiers;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unlock challenges for KEY locks, issued and verified without storing them.
 *
 * <p>A challenge is derived, not drawn: its text names the snapshot, its lock (version, creation
 * time, key) and the one-minute window it was issued in, and ends with a nonce that is the
 * HMAC-SHA256 of that text under a server secret. UnlockSnapshot carries only the signature, so the
 * server rebuilds the few challenges that can still be valid (the current window and the {@value
 * #EARLIER_WINDOWS} before it) for the snapshot's current lock and checks the signature against
 * each. Hence a challenge is valid for 5 to 6 minutes, goes stale as soon as the lock changes (an
 * extension bumps its version), cannot be made up without the secret, and issuing one writes
 * nothing. Only single use needs state: the nonce of a challenge that removed a lock is recorded
 * ({@link UsedUnlockChallengeRepository}) until it expires, because a lock re-created in the same
 * millisecond would otherwise get the same challenges.
 */
public final class UnlockChallenges {
  public static final Duration WINDOW = Duration.ofMinutes(1);
  static final int EARLIER_WINDOWS = 5;
  static final int MIN_SECRET_BYTES = 32;
  private static final String VERSION = "lockctl-unlock-challenge-v1";

  private final SecretKeySpec secret;

  /**
   * @param secret at least 32 random bytes, kept by the server and the same on every replica
   */
  public UnlockChallenges(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the challenge secret needs at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /**
   * GetSnapshotUnlockChallenge: the challenge for the snapshot's current KEY lock at {@code now}.
   *
   * @param snapshot the stored snapshot; {@code null} if none
   */
  public Decision<UnlockChallenge> issue(
      Snapshot snapshot, String regionId, String snapshotId, Instant now) {
    return activeKeyLock(snapshot, regionId, snapshotId, now)
        .map(lock -> challenge(regionId, snapshotId, lock, windowOf(now)));
  }

  /**
   * UnlockSnapshot of an active KEY lock: accepts when {@code signature} is the lock key's
   * signature of a challenge for this snapshot's current lock that has not expired and was not
   * used; anything else is PERMISSION_DENIED / INVALID_UNLOCK_SIGNATURE.
   *
   * @param lock the snapshot's current lock, active and in mode KEY
   * @param key the lock's key (disabled keys still unlock); {@code null} if it is gone
   * @param used whether a nonce already removed a lock
   * @return the challenge that was signed, whose nonce the caller records as used
   */
  public Decision<UnlockChallenge> verify(
      String regionId,
      String snapshotId,
      SnapshotLock lock,
      LockKey key,
      String signature,
      Instant now,
      Predicate<String> used) {
    if (signature.isEmpty()) {
      return invalidSignature(
          "a KEY lock is removed only with the signature of an unlock challenge");
    }
    if (key == null || !key.id().equals(lock.lockKeyId())) {
      return invalidSignature("the lock's key is not registered");
    }
    ECPublicKey publicKey =
        LockKeyCrypto.parsePublicKey("public_key", key.publicKeyPem()).orElseThrow();
    long current = windowOf(now);
    for (long window = current; window >= current - EARLIER_WINDOWS; window--) {
      UnlockChallenge candidate = challenge(regionId, snapshotId, lock, window);
      if (LockKeyCrypto.verify(publicKey, candidate.bytes(), signature)) {
        return used.test(candidate.nonce())
            ? invalidSignature("this unlock challenge was already used")
            : Decision.accept(candidate);
      }
    }
    return invalidSignature(
        "the signature is not the lock key's signature of a current unlock "
            + "challenge for this lock (challenges expire after "
            + EARLIER_WINDOWS
            + " to "
            + (EARLIER_WINDOWS + 1)
            + " minutes and go stale when the lock changes)");
  }

  /**
   * The lock a challenge can be issued for: an active KEY lock of an existing snapshot. One whose
   * stay in the recycle bin is over does not exist, whether or not storage has reclaimed its row.
   */
  private static Decision<SnapshotLock> activeKeyLock(
      Snapshot snapshot, String regionId, String snapshotId, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(regionId, violations);
    Identifiers.snapshotId("snapshot_id", snapshotId, violations);
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (snapshot == null || snapshot.isGoneAt(now)) {
      return Decision.reject(
          Rejection.of(
              Reason.SNAPSHOT_NOT_FOUND,
              "snapshot " + snapshotId + " not found in region " + regionId));
    }
    Optional<SnapshotLock> lock = snapshot.activeLockAt(now).filter(l -> l.mode() == LockMode.KEY);
    if (lock.isEmpty()) {
      return Decision.reject(
          Rejection.of(
              Reason.SNAPSHOT_NOT_LOCKED,
              "snapshot " + snapshotId + " has no active KEY lock to unlock"));
    }
    return Decision.accept(lock.get());
  }

  private UnlockChallenge challenge(
      String regionId, String snapshotId, SnapshotLock lock, long window) {
    Instant issued = Instant.ofEpochMilli(window * WINDOW.toMillis());
    Instant expires = issued.plus(WINDOW.multipliedBy(EARLIER_WINDOWS + 1L));
    String fields =
        VERSION
            + " region="
            + regionId
            + " snapshot="
            + snapshotId
            + " lock-version="
            + lock.version()
            + " lock-created="
            + lock.creationTime().toEpochMilli()
            + " key="
            + lock.lockKeyId()
            + " issued="
            + issued
            + " expires="
            + expires;
    String nonce = hmac(fields);
    return new UnlockChallenge(
        fields + " nonce=" + nonce, nonce, lock.lockKeyId(), issued, expires);
  }

  private String hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has HmacSHA256", impossible);
    }
  }

  private static long windowOf(Instant instant) {
    return Math.floorDiv(instant.toEpochMilli(), WINDOW.toMillis());
  }

  private static Decision<UnlockChallenge> invalidSignature(String message) {
    return Decision.reject(Rejection.of(Reason.INVALID_UNLOCK_SIGNATURE, message, Map.of()));
  }
}
