package io.lockctl.core.lockkey;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Lock keys' cryptography, all of it the JDK's own ({@link KeyFactory}, {@link Signature}): reading
 * an ECDSA P-256 public key from PEM and verifying SHA256withECDSA signatures in the form {@code
 * openssl dgst -sha256 -sign key.pem | base64 -w0} writes them (base64 of DER).
 */
public final class LockKeyCrypto {
  public static final int MAX_PEM_LENGTH = 4096;

  /**
   * A DER P-256 signature is at most 72 bytes (96 base64 characters); leave room for whitespace.
   */
  static final int MAX_SIGNATURE_LENGTH = 256;

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";
  private static final Pattern BASE64_BODY = Pattern.compile("^[A-Za-z0-9+/]+={0,2}$");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final ECParameterSpec P256 = p256();

  private LockKeyCrypto() {}

  /**
   * The P-256 public key in {@code pem}, or INVALID_PUBLIC_KEY naming {@code field}. Only an X.509
   * SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY") of a P-256 key whose point lies on the curve is
   * accepted: other curves, RSA, and private keys are refused.
   */
  public static Decision<ECPublicKey> parsePublicKey(String field, String pem) {
    if (pem.isEmpty()) {
      return invalid(field, "is required: the PEM of an ECDSA P-256 public key");
    }
    if (pem.length() > MAX_PEM_LENGTH) {
      return invalid(field, "must be at most " + MAX_PEM_LENGTH + " characters");
    }
    // Someone pasting key.pem instead of pub.pem: refuse, and never echo it back.
    if (pem.contains("PRIVATE KEY")) {
      return invalid(
          field,
          "is a private key; register only the public key "
              + "(openssl ec -in key.pem -pubout -out pub.pem)");
    }
    String text = pem.strip();
    if (!text.startsWith(BEGIN)
        || !text.endsWith(END)
        || text.length() < BEGIN.length() + END.length()) {
      return invalid(field, "must be one PEM block \"" + BEGIN + "\" ... \"" + END + "\"");
    }
    String body =
        WHITESPACE
            .matcher(text.substring(BEGIN.length(), text.length() - END.length()))
            .replaceAll("");
    if (!BASE64_BODY.matcher(body).matches()) {
      return invalid(field, "the PEM body is not base64");
    }
    PublicKey key;
    try {
      key =
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException notEc) {
      return invalid(
          field, "is not an uncompressed elliptic-curve public key (ECDSA P-256 is required)");
    }
    if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
      return invalid(field, "must be a key on curve P-256 (prime256v1, secp256r1)");
    }
    // The JDK decodes any point without checking it lies on the curve.
    if (!onCurve(ec.getW(), P256.getCurve())) {
      return invalid(field, "its point is not on curve P-256");
    }
    return Decision.accept(ec);
  }

  /**
   * Whether {@code base64Signature} is a SHA256withECDSA signature of exactly {@code message} by
   * {@code key}. Anything malformed (not base64, not DER, too long) is simply not a valid
   * signature.
   */
  public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
    if (base64Signature.isEmpty() || base64Signature.length() > MAX_SIGNATURE_LENGTH) {
      return false;
    }
    String compact = WHITESPACE.matcher(base64Signature).replaceAll("");
    if (!BASE64_BODY.matcher(compact).matches()) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(Base64.getDecoder().decode(compact));
    } catch (SignatureException | IllegalArgumentException malformed) {
      return false;
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(
          "every JDK verifies SHA256withECDSA with an EC key", impossible);
    }
  }

  private static boolean isP256(ECParameterSpec params) {
    return params.getCurve().equals(P256.getCurve())
        && params.getGenerator().equals(P256.getGenerator())
        && params.getOrder().equals(P256.getOrder())
        && params.getCofactor() == P256.getCofactor();
  }

  /** y^2 = x^3 + ax + b (mod p), with both coordinates reduced. */
  private static boolean onCurve(ECPoint point, EllipticCurve curve) {
    if (point.equals(ECPoint.POINT_INFINITY)) {
      return false;
    }
    BigInteger p = ((ECFieldFp) curve.getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return left.equals(right);
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK knows curve secp256r1", impossible);
    }
  }

  private static Decision<ECPublicKey> invalid(String field, String description) {
    return Decision.reject(Rejection.invalidField(Reason.INVALID_PUBLIC_KEY, field, description));
  }
}
