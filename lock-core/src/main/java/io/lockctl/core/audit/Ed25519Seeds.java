package io.lockctl.core.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * The key pair of a 32-byte Ed25519 private key (RFC 8032's seed). Java 17 cannot derive a public
 * key from a private one, but its key pair generator makes the pair from 32 random bytes: handing
 * it the seed as those bytes yields the matching public key, with nothing but the JDK's own
 * arithmetic. The result is checked, so a JDK that drew its bytes differently fails loudly.
 */
final class Ed25519Seeds {
  private Ed25519Seeds() {}

  static KeyPair keyPair(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, not " + seed.length);
    }
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK since 15 has Ed25519", impossible);
    }
    byte[] drawn = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
    if (!Arrays.equals(drawn, seed)) {
      throw new IllegalStateException(
          "this JDK's Ed25519 key pair generator did not use the given private key");
    }
    return pair;
  }

  /** Yields the seed once; any further draw is a bug, not randomness. */
  private static final class SeedAsRandom extends SecureRandom {
    private byte[] seed;

    SeedAsRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (seed == null || bytes.length != seed.length) {
        throw new IllegalStateException("unexpected draw of " + bytes.length + " bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
      seed = null;
    }
  }
}
