package io.lockctl.core.lockkey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A challenge to sign to remove a KEY lock: one line of printable ASCII without a trailing newline,
 * so that it survives copying and shell variables byte for byte.
 *
 * @param text the exact text to sign
 * @param nonce the HMAC that makes it unforgeable; also the key of its single-use record
 * @param lockKeyId the key whose private key must sign it
 * @param expireTime after this instant the challenge is stale
 */
public record UnlockChallenge(
    String text, String nonce, String lockKeyId, Instant issueTime, Instant expireTime) {

  /** The bytes to sign (and that GetSnapshotUnlockChallenge returns). */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
