package io.lockctl.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing tree: the roots of the perfect subtrees that cover its leaves {@code
 * [0, size)}, one per set bit of {@code size} (a "compact range"). That is all an append needs, so
 * appending costs O(log n) hashes and no reads, however large the tree. Immutable: a store keeps
 * the frontier of its last committed append, and a rolled-back transaction simply drops the new
 * one.
 */
public final class Frontier {
  private static final Frontier EMPTY = new Frontier(0, new byte[NodeId.MAX_LEVEL + 1][]);

  private final long size;

  /** {@code peaks[level]} is the subtree of that level, set exactly where {@code size} has a 1. */
  private final byte[][] peaks;

  private Frontier(long size, byte[][] peaks) {
    this.size = size;
    this.peaks = peaks;
  }

  /** The frontier of the empty tree. */
  public static Frontier empty() {
    return EMPTY;
  }

  /** The nodes {@link #restore} reads for a tree of {@code size} leaves, largest first. */
  public static List<NodeId> restoreNodes(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is not negative: " + size);
    }
    return new LeafRange(0, size).cover();
  }

  /** The frontier of the tree of {@code size} leaves whose nodes a store persisted. */
  public static Frontier restore(long size, NodeSource nodes) {
    byte[][] peaks = new byte[NodeId.MAX_LEVEL + 1][];
    for (NodeId id : restoreNodes(size)) {
      peaks[id.level()] = nodes.get(id);
    }
    return new Frontier(size, peaks);
  }

  /**
   * The subtrees this frontier is made of, in the order of {@link #restoreNodes}: what a store
   * keeps to {@link #restore} it without reading the tree.
   */
  public List<TreeNode> peaks() {
    List<TreeNode> nodes = new ArrayList<>();
    for (NodeId id : restoreNodes(size)) {
      nodes.add(new TreeNode(id.level(), id.index(), peaks[id.level()]));
    }
    return nodes;
  }

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /** The tree's root hash (MTH): its subtrees joined from the smallest. */
  public byte[] root() {
    byte[] root = null;
    for (byte[] peak : peaks) {
      if (peak != null) {
        root = root == null ? peak : MerkleHash.node(peak, root);
      }
    }
    return root == null ? MerkleHash.empty() : root;
  }

  /**
   * Adds the leaf whose hash is {@code leafHash} (see {@link MerkleHash#leaf}) at index {@link
   * #size()}.
   */
  public Appended append(byte[] leafHash) {
    if (leafHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("a leaf hash has 32 bytes, not " + leafHash.length);
    }
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("the tree is full");
    }
    byte[][] next = peaks.clone();
    List<TreeNode> completed = new ArrayList<>(2);
    completed.add(new TreeNode(0, size, leafHash));
    byte[] hash = leafHash;
    int level = 0;
    long index = size;
    // A 1 bit at this level of the old size is a left sibling waiting for this subtree: join
    // them and carry one level up, as binary addition of 1 carries.
    while (next[level] != null) {
      hash = MerkleHash.node(next[level], hash);
      next[level] = null;
      level++;
      index >>= 1;
      completed.add(new TreeNode(level, index, hash));
    }
    next[level] = hash;
    Frontier frontier = new Frontier(size + 1, next);
    return new Appended(frontier, frontier.root(), List.copyOf(completed));
  }

  /**
   * The result of an append.
   *
   * @param frontier the tree with the new leaf
   * @param root the new tree's root hash
   * @param completed the perfect subtrees the leaf completed, from the leaf itself (level 0) up: a
   *     store persists them all, one to log2(n) + 1 nodes (two on average) per append
   */
  public record Appended(Frontier frontier, byte[] root, List<TreeNode> completed) {}
}
