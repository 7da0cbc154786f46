package io.lockctl.core.audit;

/**
 * A perfect subtree's hash, as a store persists it: {@link Frontier#append} returns the ones each
 * append completes. Treat {@code hash} as read-only; it is not copied.
 */
public record TreeNode(int level, long index, byte[] hash) {
  public TreeNode {
    NodeId.requireValid(level, index);
    if (hash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("a node hash has 32 bytes, not " + hash.length);
    }
  }

  public NodeId id() {
    return new NodeId(level, index);
  }
}
