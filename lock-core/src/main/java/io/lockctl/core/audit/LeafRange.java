package io.lockctl.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The leaves {@code [start, end)} of a subtree that RFC 6962's recursive definitions name: {@code
 * start} is a multiple of the smallest power of two not below the range's size, as it always is in
 * MTH, PATH and SUBPROOF. Such a range is the perfect subtrees of its {@link #cover()} joined from
 * the right, so its hash costs one stored node per set bit of its size.
 */
record LeafRange(long start, long end) {
  LeafRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("not a range of leaves: [" + start + ", " + end + ")");
    }
    long size = end - start;
    if (size > 1 && start % Long.highestOneBit((size - 1) << 1) != 0) {
      throw new IllegalArgumentException(
          "[" + start + ", " + end + ") is not a subtree of an RFC 6962 tree");
    }
  }

  /**
   * The perfect subtrees covering the range, left to right, largest first: one per set bit of the
   * size.
   */
  List<NodeId> cover() {
    List<NodeId> nodes = new ArrayList<>(Long.bitCount(end - start));
    long at = start;
    while (at < end) {
      int level = 63 - Long.numberOfLeadingZeros(end - at);
      nodes.add(new NodeId(level, at >> level));
      at += 1L << level;
    }
    return nodes;
  }

  /** MTH of the range, read from {@code nodes}; SHA-256 of nothing for an empty range. */
  byte[] hash(NodeSource nodes) {
    List<NodeId> cover = cover();
    if (cover.isEmpty()) {
      return MerkleHash.empty();
    }
    byte[] hash = nodes.get(cover.get(cover.size() - 1));
    for (int i = cover.size() - 2; i >= 0; i--) {
      hash = MerkleHash.node(nodes.get(cover.get(i)), hash);
    }
    return hash;
  }
}
