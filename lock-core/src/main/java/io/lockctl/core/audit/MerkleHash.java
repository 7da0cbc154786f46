package io.lockctl.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of an RFC 6962 Merkle tree with SHA-256. The one-byte prefixes keep a leaf from ever
 * being taken for an inner node (RFC 6962 section 2.1, second preimage resistance).
 */
public final class MerkleHash {
  /** Every hash is a SHA-256 digest: 32 bytes. */
  public static final int SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private MerkleHash() {}

  /** The root of the empty tree: SHA-256 of nothing. */
  public static byte[] empty() {
    return sha256().digest();
  }

  /** SHA-256(0x00 || data): the hash of the leaf holding {@code data}. */
  public static byte[] leaf(byte[] data) {
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(data);
    return digest.digest();
  }

  /** SHA-256(0x01 || left || right): the hash of an inner node. */
  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** Whether {@code a} and {@code b} are the same hash, compared in constant time. */
  public static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
