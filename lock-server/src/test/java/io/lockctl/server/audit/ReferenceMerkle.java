package io.lockctl.server.audit;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962's Merkle tree hash and RFC 9162's proof verification, written from the RFCs for the
 * tests, so that the server's proofs are checked by code that is not the server's.
 */
final class ReferenceMerkle {
  private ReferenceMerkle() {}

  static byte[] leafHash(byte[] leaf) {
    return sha256(new byte[] {0}, leaf);
  }

  /** MTH(D[start:end]) of RFC 6962 section 2.1. */
  static byte[] root(List<byte[]> leaves, int start, int end) {
    int n = end - start;
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leafHash(leaves.get(start));
    }
    int k = Integer.highestOneBit(n - 1);
    return sha256(new byte[] {1}, root(leaves, start, start + k), root(leaves, start + k, end));
  }

  /** RFC 9162 section 2.1.3.2. */
  static boolean verifyInclusion(
      long index, long size, byte[] leafHash, List<ByteString> path, byte[] root) {
    if (index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (ByteString p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p.toByteArray(), r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = node(r, p.toByteArray());
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  /** RFC 9162 section 2.1.4.2. */
  static boolean verifyConsistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<ByteString> proof) {
    if (first == second) {
      return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
    }
    if (first == 0 || first > second || proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>();
    if (Long.bitCount(first) == 1) {
      path.add(firstRoot);
    }
    proof.forEach(hash -> path.add(hash.toByteArray()));
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(c, fr);
        sr = node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
  }

  private static byte[] node(byte[] left, byte[] right) {
    return sha256(new byte[] {1}, left, right);
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
