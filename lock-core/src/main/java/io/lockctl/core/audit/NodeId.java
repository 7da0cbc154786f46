package io.lockctl.core.audit;

/**
 * The perfect subtree at {@code level} (0 = a leaf) and {@code index} (its position among the
 * subtrees of that level): it covers the leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 * Every node a store persists, and every node a proof needs, is one of these.
 */
public record NodeId(int level, long index) {
  /** Leaf indices are non-negative longs, so no subtree spans more than 2^62 leaves. */
  public static final int MAX_LEVEL = 62;

  public NodeId {
    requireValid(level, index);
  }

  static void requireValid(int level, long index) {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level must be 0-" + MAX_LEVEL + ", not " + level);
    }
    if (index < 0 || index > (Long.MAX_VALUE >> level)) {
      throw new IllegalArgumentException(
          "index " + index + " is out of range at level " + level + " (leaves must fit a long)");
    }
  }

  /** The first leaf the subtree covers. */
  public long firstLeaf() {
    return index << level;
  }

  /** How many leaves the subtree covers. */
  public long leafCount() {
    return 1L << level;
  }
}
