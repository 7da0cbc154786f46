package io.lockctl.core.audit;

import java.util.Arrays;
import java.util.HexFormat;

/** A tree size and its root hash, as a signed checkpoint states them. */
public record TreeHead(long size, byte[] rootHash) {
  public TreeHead {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is not negative: " + size);
    }
    if (rootHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("a root hash has 32 bytes, not " + rootHash.length);
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TreeHead that
        && size == that.size
        && Arrays.equals(rootHash, that.rootHash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + Arrays.hashCode(rootHash);
  }

  @Override
  public String toString() {
    return "TreeHead[size=" + size + ", rootHash=" + HexFormat.of().formatHex(rootHash) + "]";
  }
}
