package io.lockctl.core.accesskey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals access-key secrets with AES-256-GCM under a master key that the server keeps outside the
 * store, so that a copy of the database (a backup, a dump, a replica's disk) holds no usable
 * secret. Each sealing has a fresh 96-bit nonce, and the key's id and principal are authenticated
 * with it: a sealed secret moved to another row does not open.
 */
public final class SecretSealer {
  public static final int MASTER_KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec masterKey;
  private final SecureRandom random = new SecureRandom();

  public SecretSealer(byte[] masterKey) {
    if (masterKey.length != MASTER_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the access-key master key must be " + MASTER_KEY_BYTES + " bytes");
    }
    this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
  }

  /** The base64 of nonce, ciphertext and tag. */
  public String seal(String keyId, String principal, String secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(keyId, principal));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has " + TRANSFORMATION, impossible);
    }
  }

  /**
   * The secret {@link #seal} sealed for this key.
   *
   * @throws IllegalStateException if it does not open: another master key sealed it, or the row was
   *     altered
   */
  public String open(AccessKey key) {
    byte[] sealed = Base64.getDecoder().decode(key.sealedSecret());
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE,
          masterKey,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOf(sealed, NONCE_BYTES)));
      cipher.updateAAD(associatedData(key.id(), key.principal()));
      byte[] secret = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return new String(secret, StandardCharsets.UTF_8);
    } catch (AEADBadTagException wrongKey) {
      throw new IllegalStateException(
          "access key " + key.id() + " does not open under this server's master key", wrongKey);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has " + TRANSFORMATION, impossible);
    }
  }

  private static byte[] associatedData(String keyId, String principal) {
    return (keyId + "\n" + principal).getBytes(StandardCharsets.UTF_8);
  }
}
