package io.lockctl.server.testing;

import io.lockctl.core.lockkey.TestKeys;
import io.lockctl.v1.CreateLockKeyRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

/**
 * Someone holding a lock key's private key, as a replication admin would: a JDK-generated P-256
 * pair, the CreateLockKey request that registers it, and signatures in openssl's form.
 */
public final class LockKeyHolder {
  private final String name;
  private final KeyPair pair = TestKeys.p256();

  public LockKeyHolder(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public String publicKeyPem() {
    return TestKeys.pem(pair.getPublic());
  }

  /** CreateLockKey for this key, with the verification signature of its name. */
  public CreateLockKeyRequest.Builder createRequest() {
    return CreateLockKeyRequest.newBuilder()
        .setName(name)
        .setPublicKey(publicKeyPem())
        .setVerificationSignature(sign(name.getBytes(StandardCharsets.UTF_8)));
  }

  /** Base64 of the DER SHA256withECDSA signature of {@code message}. */
  public String sign(byte[] message) {
    return TestKeys.sign(pair.getPrivate(), message);
  }
}
