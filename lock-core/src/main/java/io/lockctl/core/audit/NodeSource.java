package io.lockctl.core.audit;

import java.util.Optional;

/**
 * Where proofs, roots and restored frontiers read the hashes of perfect subtrees: a store's
 * persisted {@link TreeNode}s. Level 0 holds the leaf hashes. With every perfect subtree of a tree
 * available, any root or proof needs O(log n) reads; {@code MerkleProofs} names them beforehand so
 * a store can read them in one query.
 */
@FunctionalInterface
public interface NodeSource {

  /** The hash of the perfect subtree at (level, index), or empty when none is stored. */
  Optional<byte[]> find(int level, long index);

  /** The hash of a node the tree must have; a missing one means the store lost part of the tree. */
  default byte[] get(NodeId id) {
    return find(id.level(), id.index())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the audit tree has no stored node at level "
                        + id.level()
                        + ", index "
                        + id.index()));
  }
}
