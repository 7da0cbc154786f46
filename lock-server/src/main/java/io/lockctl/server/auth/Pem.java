package io.lockctl.server.auth;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files as openssl writes them: certificates, and unencrypted PKCS#8 private keys. Each failure
 * is an {@link IllegalArgumentException} whose message says, in words, what the file lacks.
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private Pem() {}

  /** Every certificate in {@code pem}, in file order; at least one. */
  static X509Certificate[] certificates(byte[] pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(pem)) {
        if (block.label().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException malformed) {
      throw new IllegalArgumentException(
          "holds a malformed certificate: " + malformed.getMessage());
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates.toArray(X509Certificate[]::new);
  }

  /** The one private key in {@code pem}: PKCS#8, RSA, EC or Ed25519. */
  static PrivateKey privateKey(byte[] pem) {
    List<Block> keys =
        blocks(pem).stream().filter(block -> block.label().endsWith("PRIVATE KEY")).toList();
    if (keys.size() != 1) {
      throw new IllegalArgumentException(
          keys.isEmpty()
              ? "holds no PEM private key (-----BEGIN PRIVATE KEY-----)"
              : "holds " + keys.size() + " private keys; give exactly one");
    }
    Block key = keys.get(0);
    switch (key.label()) {
      case "PRIVATE KEY" -> {}
      case "ENCRYPTED PRIVATE KEY" ->
          throw new IllegalArgumentException(
              "is an encrypted key; lockctl reads unencrypted PKCS#8 keys (protect the file with"
                  + " its permissions), e.g. openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
      default ->
          throw new IllegalArgumentException(
              "is a "
                  + key.label()
                  + ", not PKCS#8; convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(key.der());
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException notThisAlgorithm) {
        // try the next one
      }
    }
    throw new IllegalArgumentException("holds a private key that is not RSA, EC or Ed25519");
  }

  /** Whether {@code key} is the private half of {@code certificate}'s public key. */
  static boolean matches(PrivateKey key, X509Certificate certificate) {
    PublicKey publicKey = certificate.getPublicKey();
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null || !key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException mismatch) {
      return false;
    }
  }

  private record Block(String label, byte[] der) {}

  private static List<Block> blocks(byte[] pem) {
    Matcher matcher = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    List<Block> blocks = new ArrayList<>();
    while (matcher.find()) {
      try {
        blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
      } catch (IllegalArgumentException badBase64) {
        throw new IllegalArgumentException("holds a PEM block that is not valid base64", badBase64);
      }
    }
    return blocks;
  }
}
