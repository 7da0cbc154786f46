package io.lockctl.core.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Roots, inclusion proofs and consistency proofs (RFC 9162 sections 2.1.1, 2.1.3.1, 2.1.4.1) for
 * any tree size up to the stored one, computed from stored perfect subtrees. Each proof element is
 * the hash of a subtree that the RFC's recursion names; the {@code ...Nodes} methods list the
 * stored nodes a call will read, so a store can fetch them in one query and answer from memory.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /** MTH(D[0:size]): the root of the tree of the first {@code size} leaves. */
  public static byte[] root(long size, NodeSource nodes) {
    requireSize(size);
    return new LeafRange(0, size).hash(nodes);
  }

  /** The nodes {@link #root} reads. */
  public static List<NodeId> rootNodes(long size) {
    requireSize(size);
    return new LeafRange(0, size).cover();
  }

  /**
   * PATH(index, D[0:size]): the audit path of leaf {@code index} in the tree of {@code size}
   * leaves, from the leaf's sibling up to the root's child.
   */
  public static List<byte[]> inclusion(long index, long size, NodeSource nodes) {
    return hashes(inclusionRanges(index, size), nodes);
  }

  /** The nodes {@link #inclusion} reads, each once. */
  public static List<NodeId> inclusionNodes(long index, long size) {
    return cover(inclusionRanges(index, size));
  }

  /**
   * PROOF(first, D[0:second]): that the tree of {@code second} leaves extends the tree of {@code
   * first}. Empty when {@code first} is 0 or equal to {@code second}.
   */
  public static List<byte[]> consistency(long first, long second, NodeSource nodes) {
    return hashes(consistencyRanges(first, second), nodes);
  }

  /** The nodes {@link #consistency} reads, each once. */
  public static List<NodeId> consistencyNodes(long first, long second) {
    return cover(consistencyRanges(first, second));
  }

  /** PATH's recursion, unrolled: the sibling of each step down, in the RFC's (bottom-up) order. */
  static List<LeafRange> inclusionRanges(long index, long size) {
    requireSize(size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of size " + size);
    }
    List<LeafRange> topDown = new ArrayList<>();
    long start = 0;
    long n = size;
    long m = index;
    while (n > 1) {
      long k = largestPowerOfTwoBelow(n);
      if (m < k) {
        topDown.add(new LeafRange(start + k, start + n));
        n = k;
      } else {
        topDown.add(new LeafRange(start, start + k));
        m -= k;
        start += k;
        n -= k;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /** SUBPROOF's recursion, unrolled, in the RFC's order. */
  static List<LeafRange> consistencyRanges(long first, long second) {
    requireSize(second);
    if (first < 0 || first > second) {
      throw new IllegalArgumentException(
          "tree size " + first + " is not between 0 and the second size " + second);
    }
    List<LeafRange> topDown = new ArrayList<>();
    if (first == 0) {
      return topDown;
    }
    long start = 0;
    long n = second;
    long m = first;
    boolean wholeOldTree = true;
    while (m < n) {
      long k = largestPowerOfTwoBelow(n);
      if (m <= k) {
        topDown.add(new LeafRange(start + k, start + n));
        n = k;
      } else {
        topDown.add(new LeafRange(start, start + k));
        m -= k;
        start += k;
        n -= k;
        wholeOldTree = false;
      }
    }
    // SUBPROOF(m, D[m], b): the verifier knows the old root itself, but not a part of it.
    if (!wholeOldTree) {
      topDown.add(new LeafRange(start, start + n));
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /** The k of RFC 6962: the largest power of two smaller than {@code n} (n > 1). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static List<byte[]> hashes(List<LeafRange> ranges, NodeSource nodes) {
    List<byte[]> hashes = new ArrayList<>(ranges.size());
    for (LeafRange range : ranges) {
      hashes.add(range.hash(nodes));
    }
    return hashes;
  }

  /** The proof's ranges never overlap (each is a sibling on the way down), nor do their covers. */
  private static List<NodeId> cover(List<LeafRange> ranges) {
    List<NodeId> nodes = new ArrayList<>();
    ranges.forEach(range -> nodes.addAll(range.cover()));
    return nodes;
  }

  private static void requireSize(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is not negative: " + size);
    }
  }
}
