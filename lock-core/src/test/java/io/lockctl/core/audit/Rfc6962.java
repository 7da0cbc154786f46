package io.lockctl.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * RFC 6962 section 2.1, transcribed: MTH (2.1), PATH (2.1.1) and PROOF / SUBPROOF (2.1.2), as the
 * recursive definitions read, over the inputs D[0], D[1], ... The independent reference the code
 * under test is compared with: it calls none of it, not even its hashing.
 *
 * <p>MTH results are remembered per range only to keep the tests fast; the recursion is the RFC's.
 * A {@link #virtual} reference takes the hashes of power-of-two aligned ranges from a function
 * instead of recursing into them, to reach sizes no test could hold in memory.
 */
public final class Rfc6962 {
  private final LongFunction<byte[]> input;
  private final PerfectSubtreeHash perfectSubtree;
  private final Map<List<Long>, byte[]> memo = new HashMap<>();

  private Rfc6962(LongFunction<byte[]> input, PerfectSubtreeHash perfectSubtree) {
    this.input = input;
    this.perfectSubtree = perfectSubtree;
  }

  /** The reference over the inputs {@code d}. */
  public static Rfc6962 of(List<byte[]> d) {
    return new Rfc6962(i -> d.get(Math.toIntExact(i)), null);
  }

  /**
   * A tree whose perfect subtree at (level, index) hashes to {@code hash.apply(level, index)}; the
   * hashes need not be consistent with each other, since only the RFC's recursion above them is
   * under test.
   */
  static Rfc6962 virtual(PerfectSubtreeHash hash) {
    return new Rfc6962(null, hash);
  }

  @FunctionalInterface
  interface PerfectSubtreeHash {
    byte[] of(int level, long index);
  }

  public static byte[] sha256(byte[]... parts) {
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

  /** MTH(D[start:end]). */
  public byte[] mth(long start, long end) {
    List<Long> key = List.of(start, end);
    byte[] known = memo.get(key);
    if (known != null) {
      return known;
    }
    byte[] hash = compute(start, end);
    memo.put(key, hash);
    return hash;
  }

  private byte[] compute(long start, long end) {
    long n = end - start;
    // "The hash of an empty list is the hash of an empty string: MTH({}) = SHA-256()."
    if (n == 0) {
      return sha256();
    }
    if (perfectSubtree != null && Long.bitCount(n) == 1 && start % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return perfectSubtree.of(level, start >> level);
    }
    // "The hash of a list with one entry (also known as a leaf hash) is:
    //  MTH({d(0)}) = SHA-256(0x00 || d(0))."
    if (n == 1) {
      return sha256(new byte[] {0x00}, input.apply(start));
    }
    // "For n > 1, let k be the largest power of two smaller than n (i.e., k < n <= 2k).
    //  MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))"
    long k = k(n);
    return sha256(new byte[] {0x01}, mth(start, start + k), mth(start + k, end));
  }

  /** The largest power of two smaller than n, found by counting up as the RFC words it. */
  static long k(long n) {
    long k = 1;
    while (k < n - k) {
      k <<= 1;
    }
    return k;
  }

  /** PATH(m, D[0:n]). */
  List<byte[]> path(long m, long n) {
    return path(m, 0, n);
  }

  /**
   * "PATH(m, {d(0)}) = {}. For n > 1, let k be the largest power of two smaller than n. The path
   * for the (m+1)th element d(m) in a list of n > m elements is then defined recursively as PATH(m,
   * D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k; and PATH(m, D[n]) = PATH(m - k, D[k:n]) :
   * MTH(D[0:k]) for m >= k."
   */
  private List<byte[]> path(long m, long start, long end) {
    long n = end - start;
    if (n == 1) {
      return new ArrayList<>();
    }
    long k = k(n);
    List<byte[]> path;
    if (m < k) {
      path = path(m, start, start + k);
      path.add(mth(start + k, end));
    } else {
      path = path(m - k, start + k, end);
      path.add(mth(start, start + k));
    }
    return path;
  }

  /** "PROOF(m, D[n]) = SUBPROOF(m, D[n], true)". */
  List<byte[]> proof(long m, long n) {
    return subproof(m, 0, n, true);
  }

  /**
   * "SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}. For m < n, let k be the
   * largest power of two smaller than n. If m <= k: SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) :
   * MTH(D[k:n]). If m > k: SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])."
   */
  private List<byte[]> subproof(long m, long start, long end, boolean b) {
    long n = end - start;
    if (m == n) {
      List<byte[]> proof = new ArrayList<>();
      if (!b) {
        proof.add(mth(start, end));
      }
      return proof;
    }
    long k = k(n);
    List<byte[]> proof;
    if (m <= k) {
      proof = subproof(m, start, start + k, b);
      proof.add(mth(start + k, end));
    } else {
      proof = subproof(m - k, start + k, end, false);
      proof.add(mth(start, start + k));
    }
    return proof;
  }

  /** The hash of the perfect subtree at (level, index), per MTH, as a store would persist it. */
  byte[] node(int level, long index) {
    return mth(index << level, (index + 1) << level);
  }
}
