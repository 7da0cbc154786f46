package io.lockctl.core.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162's verification algorithms, transcribed step by step (2.1.3.2 for inclusion, 2.1.4.2 for
 * consistency), with the test's own SHA-256: the verifier a client would write from the RFC.
 */
public final class Rfc9162 {
  private Rfc9162() {}

  private static byte[] hashChildren(byte[] left, byte[] right) {
    return Rfc6962.sha256(new byte[] {0x01}, left, right);
  }

  private static boolean lsb(long x) {
    return (x & 1) == 1;
  }

  /** 2.1.3.2: verifying an inclusion proof. */
  public static boolean verifyInclusion(
      long leafIndex, long treeSize, byte[] hash, List<byte[]> inclusionPath, byte[] rootHash) {
    // 1. Compare leaf_index from the inclusion_proof_v2 structure against tree_size. If
    //    leaf_index is greater than or equal to tree_size, then fail the proof verification.
    if (leafIndex >= treeSize) {
      return false;
    }
    // 2. Set fn to leaf_index and sn to tree_size - 1.
    long fn = leafIndex;
    long sn = treeSize - 1;
    // 3. Set r to hash.
    byte[] r = hash;
    // 4. For each value p in the inclusion_path array:
    for (byte[] p : inclusionPath) {
      // a. If sn is 0, then stop the iteration and fail the proof verification.
      if (sn == 0) {
        return false;
      }
      // b. If LSB(fn) is set, or if fn is equal to sn, then:
      if (lsb(fn) || fn == sn) {
        // i. Set r to HASH(0x01 || p || r).
        r = hashChildren(p, r);
        // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn)
        //     is set or fn is 0.
        if (!lsb(fn)) {
          while (!lsb(fn) && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        // Otherwise: Set r to HASH(0x01 || r || p).
        r = hashChildren(r, p);
      }
      // c. Finally, right-shift both fn and sn one time.
      fn >>= 1;
      sn >>= 1;
    }
    // 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and the
    //    root_hash are equal, then the log has proven the inclusion of hash. Otherwise, fail.
    return sn == 0 && Arrays.equals(r, rootHash);
  }

  /** 2.1.4.2: verifying consistency between two tree heads, for 0 < first < second. */
  public static boolean verifyConsistency(
      long first, long second, byte[] firstHash, byte[] secondHash, List<byte[]> consistencyPath) {
    if (!(0 < first && first < second)) {
      throw new IllegalArgumentException("the RFC's algorithm is for 0 < first < second");
    }
    // 1. If consistency_path is an empty array, stop and fail the proof verification.
    if (consistencyPath.isEmpty()) {
      return false;
    }
    // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
    List<byte[]> path = new ArrayList<>(consistencyPath);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstHash);
    }
    // 3. Set fn to first - 1 and sn to second - 1.
    long fn = first - 1;
    long sn = second - 1;
    // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
    while (lsb(fn)) {
      fn >>= 1;
      sn >>= 1;
    }
    // 5. Set both fr and sr to the first value in the consistency_path array.
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    // 6. For each subsequent value c in the consistency_path array:
    for (byte[] c : path.subList(1, path.size())) {
      // a. If sn is 0, then stop the iteration and fail the proof verification.
      if (sn == 0) {
        return false;
      }
      // b. If LSB(fn) is set, or if fn is equal to sn, then:
      if (lsb(fn) || fn == sn) {
        // i. Set fr to HASH(0x01 || c || fr). Set sr to HASH(0x01 || c || sr).
        fr = hashChildren(c, fr);
        sr = hashChildren(c, sr);
        // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn)
        //     is set or fn is 0.
        if (!lsb(fn)) {
          while (!lsb(fn) && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        // Otherwise: Set sr to HASH(0x01 || sr || c).
        sr = hashChildren(sr, c);
      }
      // c. Finally, right-shift both fn and sn one time.
      fn >>= 1;
      sn >>= 1;
    }
    // 7. Verify that the fr calculated is equal to the first_hash supplied, that the sr
    //    calculated is equal to the second_hash supplied, and that sn is 0.
    return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
  }
}
