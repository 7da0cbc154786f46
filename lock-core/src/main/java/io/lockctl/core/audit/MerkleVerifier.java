package io.lockctl.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks inclusion and consistency proofs as RFC 9162 sections 2.1.3.2 and 2.1.4.2 do, with only
 * the hashes a client holds (a leaf's hash, signed roots): what {@code lockctl audit verify} runs
 * offline. Anything malformed (a hash that is not 32 bytes, sizes out of order, a proof too long)
 * simply does not verify.
 */
public final class MerkleVerifier {
  /** A proof in a tree of at most 2^63 leaves has at most 63 hashes (64 for consistency). */
  private static final int MAX_PROOF_LENGTH = 64;

  private MerkleVerifier() {}

  /**
   * Whether {@code proof} shows the leaf with hash {@code leafHash} at {@code index} in the tree of
   * {@code size} leaves whose root is {@code root}.
   */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || !wellFormed(proof) || !isHash(leafHash) || !isHash(root)) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        // The rightmost node of a level without a right sibling moves up unchanged.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MerkleHash.same(r, root);
  }

  /**
   * Whether {@code proof} shows that the tree of {@code second} leaves with root {@code secondRoot}
   * extends the tree of {@code first} leaves with root {@code firstRoot}. Every tree extends the
   * empty one (with an empty proof), and a tree extends itself (with an empty proof and equal
   * roots).
   */
  public static boolean verifyConsistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
    if (first < 0 || first > second || !wellFormed(proof)) {
      return false;
    }
    if (!isHash(firstRoot) || !isHash(secondRoot)) {
      return false;
    }
    if (first == 0) {
      return proof.isEmpty() && MerkleHash.same(firstRoot, MerkleHash.empty());
    }
    if (first == second) {
      return proof.isEmpty() && MerkleHash.same(firstRoot, secondRoot);
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    // A power-of-two old tree is a subtree of the new one, so the proof leaves its root out.
    if (Long.bitCount(first) == 1) {
      path.add(firstRoot);
    }
    path.addAll(proof);
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
        fr = MerkleHash.node(c, fr);
        sr = MerkleHash.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = MerkleHash.node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MerkleHash.same(fr, firstRoot) && MerkleHash.same(sr, secondRoot);
  }

  private static boolean wellFormed(List<byte[]> proof) {
    if (proof.size() > MAX_PROOF_LENGTH) {
      return false;
    }
    for (byte[] hash : proof) {
      if (!isHash(hash)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHash(byte[] hash) {
    return hash != null && hash.length == MerkleHash.SIZE;
  }
}
