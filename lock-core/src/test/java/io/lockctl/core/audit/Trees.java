package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Test trees: random inputs, and the nodes a store would hold for them, from the reference. */
final class Trees {
  private Trees() {}

  /**
   * {@code n} distinct random inputs of 0-40 bytes. Distinct, because two equal neighbours have
   * equal leaves, and then one's inclusion proof is rightly also the other's: a test that expects
   * the proof to fail for the neighbour would fail one seed in a few hundred.
   */
  static List<byte[]> inputs(Random random, int n) {
    List<byte[]> inputs = new ArrayList<>(n);
    Set<String> seen = new HashSet<>();
    while (inputs.size() < n) {
      byte[] input = new byte[random.nextInt(41)];
      random.nextBytes(input);
      if (seen.add(HexFormat.of().formatHex(input))) {
        inputs.add(input);
      }
    }
    return inputs;
  }

  /** Every perfect subtree of the first {@code n} leaves, as the reference computes it. */
  static InMemoryNodes nodesOf(Rfc6962 reference, long n) {
    InMemoryNodes nodes = new InMemoryNodes();
    for (int level = 0; (1L << level) <= n; level++) {
      for (long index = 0; (index + 1) << level <= n; index++) {
        nodes.put(new TreeNode(level, index, reference.node(level, index)));
      }
    }
    return nodes;
  }

  static void assertSameHashes(List<byte[]> expected, List<byte[]> actual, String message) {
    assertEquals(hex(expected), hex(actual), message);
  }

  static void assertSameHash(byte[] expected, byte[] actual, String message) {
    assertArrayEquals(expected, actual, message);
  }

  static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HexFormat.of()::formatHex).toList();
  }

  static byte[] flipped(byte[] hash, int bit) {
    byte[] copy = hash.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }
}
