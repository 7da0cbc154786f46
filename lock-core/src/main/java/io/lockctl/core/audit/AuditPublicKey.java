package io.lockctl.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 public key that checks checkpoint signatures: as PEM (X.509 SubjectPublicKeyInfo, as
 * {@code openssl pkey -pubout} writes it), as its raw 32 bytes (RFC 8032), and under a signed-note
 * key name, as a key id and a verifier key.
 */
public final class AuditPublicKey {
  /** The DER of an Ed25519 SubjectPublicKeyInfo up to the key: RFC 8410's fixed prefix. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /** The signed-note signature type of Ed25519. */
  static final byte NOTE_ED25519 = 0x01;

  private final byte[] raw;
  private final PublicKey key;

  private AuditPublicKey(byte[] raw, PublicKey key) {
    this.raw = raw;
    this.key = key;
  }

  /** The key of its raw 32 bytes. */
  public static AuditPublicKey fromRaw(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
    }
    return fromSpki(concat(SPKI_PREFIX, raw));
  }

  /** The key of a "BEGIN PUBLIC KEY" PEM block holding an Ed25519 key. */
  public static AuditPublicKey fromPem(String pem) {
    return fromSpki(Pem.decode("PUBLIC KEY", pem));
  }

  static AuditPublicKey of(PublicKey key) {
    return fromSpki(key.getEncoded());
  }

  private static AuditPublicKey fromSpki(byte[] der) {
    if (der.length != SPKI_PREFIX.length + 32
        || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key (X.509 SubjectPublicKeyInfo)");
    }
    try {
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
      return new AuditPublicKey(Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length), key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key", e);
    }
  }

  /** The raw 32-byte key. */
  public byte[] raw() {
    return raw.clone();
  }

  /** The key as a "BEGIN PUBLIC KEY" PEM block. */
  public String pem() {
    return Pem.encode("PUBLIC KEY", concat(SPKI_PREFIX, raw));
  }

  /**
   * The signed-note key id under {@code keyName}: the first 4 bytes, big-endian, of SHA-256(key
   * name || 0x0A || 0x01 || raw key).
   */
  public int noteKeyId(String keyName) {
    MessageDigest digest = MerkleHash.sha256();
    digest.update(keyName.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    digest.update(NOTE_ED25519);
    digest.update(raw);
    return ByteBuffer.wrap(digest.digest()).getInt();
  }

  /** {@link #noteKeyId} as 8 lower-case hexadecimal digits. */
  public String noteKeyIdHex(String keyName) {
    return String.format("%08x", noteKeyId(keyName));
  }

  /** The note verifier key: "<key name>+<key id>+<base64(0x01 || raw key)>". */
  public String verifierKey(String keyName) {
    KeyName.requireValid(keyName);
    return keyName
        + "+"
        + noteKeyIdHex(keyName)
        + "+"
        + Base64.getEncoder().encodeToString(concat(new byte[] {NOTE_ED25519}, raw));
  }

  /** Whether {@code signature} is this key's Ed25519 signature of exactly {@code message}. */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException malformed) {
      return false;
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK since 15 verifies Ed25519", impossible);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuditPublicKey that && Arrays.equals(raw, that.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "AuditPublicKey[" + HexFormat.of().formatHex(raw) + "]";
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
