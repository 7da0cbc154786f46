package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Test trees: random inputs, and the nodes a store would hold for them, from the reference. */
final class Trees {
  private Trees() {}

  /** {@code n} random inputs of 0-40 bytes. */
  static List<byte[]> inputs(Random random, int n) {
    List<byte[]> inputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] input = new byte[random.nextInt(41)];
      random.nextBytes(input);
      inputs.add(input);
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
