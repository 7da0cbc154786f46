package io.lockctl.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The body of a C2SP tlog-checkpoint: the log's origin, the tree size in decimal and the base64 of
 * the root hash, each on a line ending in a newline. lockctl writes no extension lines. The origin
 * is also the key name of the checkpoint's signed note (as tlog-checkpoint recommends), so it
 * follows the rules of both: non-empty, no whitespace, no "+", no control characters.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

  public Checkpoint {
    KeyName.requireValid(origin);
    if (treeSize < 0) {
      throw new IllegalArgumentException("a tree size is not negative: " + treeSize);
    }
    if (rootHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("a root hash has 32 bytes, not " + rootHash.length);
    }
    rootHash = rootHash.clone();
  }

  /** The checkpoint of a tree head. */
  public static Checkpoint of(String origin, TreeHead head) {
    return new Checkpoint(origin, head.size(), head.rootHash());
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  public TreeHead treeHead() {
    return new TreeHead(treeSize, rootHash);
  }

  /** The checkpoint text, exactly as signed. */
  public String text() {
    return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /** {@link #text()} as the bytes its signature covers. */
  public byte[] signedBytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  /** The checkpoint whose {@link #text()} is {@code text}; nothing else is accepted. */
  public static Checkpoint parse(String text) throws CheckpointException {
    if (!text.endsWith("\n")) {
      throw new CheckpointException("a checkpoint ends with a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length != 3) {
      throw new CheckpointException(
          "a lockctl checkpoint has 3 lines (origin, size, root hash), not " + lines.length);
    }
    if (!DECIMAL.matcher(lines[1]).matches()) {
      throw new CheckpointException(
          "the tree size \"" + lines[1] + "\" is not a decimal number without leading zeros");
    }
    long size;
    byte[] root;
    try {
      size = Long.parseLong(lines[1]);
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("the checkpoint's size or root hash is malformed");
    }
    if (root.length != MerkleHash.SIZE
        || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
      throw new CheckpointException("the root hash is not the padded base64 of 32 bytes");
    }
    try {
      return new Checkpoint(lines[0], size, root);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(e.getMessage());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint that
        && origin.equals(that.origin)
        && treeSize == that.treeSize
        && Arrays.equals(rootHash, that.rootHash);
  }

  @Override
  public int hashCode() {
    return (origin.hashCode() * 31 + Long.hashCode(treeSize)) * 31 + Arrays.hashCode(rootHash);
  }

  @Override
  public String toString() {
    return "Checkpoint[origin="
        + origin
        + ", treeSize="
        + treeSize
        + ", rootHash="
        + HexFormat.of().formatHex(rootHash)
        + "]";
  }
}
