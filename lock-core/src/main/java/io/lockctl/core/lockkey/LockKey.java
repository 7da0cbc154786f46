package io.lockctl.core.lockkey;

import java.time.Instant;

/**
 * A registered ECDSA P-256 public key (lockctl.v1.ReplicationService). lockctl never holds the
 * private key.
 *
 * @param id server-generated, see {@link LockKeyIds}
 * @param name unique among keys; never of the form of an id
 * @param publicKeyPem the PEM as registered (an X.509 SubjectPublicKeyInfo)
 * @param disabled a disabled key locks nothing new but still unlocks what it locked
 */
public record LockKey(
    String id,
    String name,
    String comment,
    String publicKeyPem,
    boolean disabled,
    Instant createTime) {

  LockKey withComment(String newComment) {
    return new LockKey(id, name, newComment, publicKeyPem, disabled, createTime);
  }

  LockKey withDisabled(boolean newDisabled) {
    return new LockKey(id, name, comment, publicKeyPem, newDisabled, createTime);
  }
}
