package io.lockctl.core.lockkey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Key pairs made in the test with the JDK, and signatures in openssl's form (base64 of DER). Shared
 * with lock-server's tests through lock-core's test jar.
 */
public final class TestKeys {

  private TestKeys() {}

  public static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  public static KeyPair p256() {
    return ec("secp256r1");
  }

  public static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** PEM of the X.509 SubjectPublicKeyInfo, 64 columns, as openssl writes it. */
  public static String pem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  public static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  public static String sign(PrivateKey key, byte[] message) {
    try {
      Signature signer =
          Signature.getInstance(
              key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
      signer.initSign(key);
      signer.update(message);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  public static String sign(PrivateKey key, String text) {
    return sign(key, text.getBytes(StandardCharsets.UTF_8));
  }

  /** CreateLockKey's input for {@code pair}, verification signature included. */
  public static CreateLockKeyCommand create(String name, KeyPair pair) {
    return new CreateLockKeyCommand(name, "", pem(pair.getPublic()), sign(pair.getPrivate(), name));
  }
}
