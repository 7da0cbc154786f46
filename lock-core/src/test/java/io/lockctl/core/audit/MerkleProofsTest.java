package io.lockctl.core.audit;

import static io.lockctl.core.audit.Trees.assertSameHash;
import static io.lockctl.core.audit.Trees.assertSameHashes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Roots and proofs from stored nodes, byte for byte against the RFC 6962 reference in the test
 * ({@link Rfc6962}): every size up to 200 exhaustively, then random larger and huge trees.
 */
class MerkleProofsTest {
  private static final int EXHAUSTIVE = 200;

  @Test
  void theRootsOfTheCertificateTransparencyTestVectorsAreReproduced() {
    // The eight inputs and roots of the test vectors of Certificate Transparency's reference
    // implementation (also in transparency-dev/merkle).
    List<byte[]> inputs =
        hexes(
            "",
            "00",
            "10",
            "2021",
            "3031",
            "40414243",
            "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");
    List<String> roots =
        List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    Rfc6962 reference = Rfc6962.of(inputs);
    InMemoryNodes nodes = new InMemoryNodes();
    for (int i = 0; i < inputs.size(); i++) {
      nodes.put(new TreeNode(0, i, MerkleHash.leaf(inputs.get(i))));
    }
    // Only leaves are stored here: the inner nodes come from the frontier, as in a store.
    Frontier frontier = Frontier.empty();
    for (int n = 1; n <= inputs.size(); n++) {
      Frontier.Appended appended = frontier.append(MerkleHash.leaf(inputs.get(n - 1)));
      nodes.putAll(appended.completed());
      frontier = appended.frontier();
      assertEquals(roots.get(n - 1), HexFormat.of().formatHex(reference.mth(0, n)), "reference");
      assertEquals(roots.get(n - 1), HexFormat.of().formatHex(appended.root()), "frontier");
      assertEquals(roots.get(n - 1), HexFormat.of().formatHex(MerkleProofs.root(n, nodes)), "root");
    }
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HexFormat.of().formatHex(MerkleProofs.root(0, nodes)));
  }

  @Test
  void rootsOfEverySizeUpTo200AreTheReferenceRoots() {
    TestSeed seed = TestSeed.next();
    Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, EXHAUSTIVE));
    InMemoryNodes nodes = Trees.nodesOf(reference, EXHAUSTIVE);
    for (int n = 0; n <= EXHAUSTIVE; n++) {
      assertSameHash(reference.mth(0, n), MerkleProofs.root(n, nodes), seed.say("root of " + n));
    }
  }

  @Test
  void inclusionProofsOfEveryLeafOfEverySizeUpTo200AreTheReferencePaths() {
    TestSeed seed = TestSeed.next();
    Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, EXHAUSTIVE));
    InMemoryNodes nodes = Trees.nodesOf(reference, EXHAUSTIVE);
    for (int n = 1; n <= EXHAUSTIVE; n++) {
      for (int m = 0; m < n; m++) {
        assertSameHashes(
            reference.path(m, n),
            MerkleProofs.inclusion(m, n, nodes),
            seed.say("PATH(" + m + ", D[" + n + "])"));
      }
    }
  }

  @Test
  void consistencyProofsOfEveryPairOfSizesUpTo200AreTheReferenceProofs() {
    TestSeed seed = TestSeed.next();
    Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, EXHAUSTIVE));
    InMemoryNodes nodes = Trees.nodesOf(reference, EXHAUSTIVE);
    for (int n = 1; n <= EXHAUSTIVE; n++) {
      for (int m = 1; m <= n; m++) {
        assertSameHashes(
            reference.proof(m, n),
            MerkleProofs.consistency(m, n, nodes),
            seed.say("PROOF(" + m + ", D[" + n + "])"));
      }
      assertEquals(List.of(), MerkleProofs.consistency(0, n, nodes), "from the empty tree");
    }
  }

  @Test
  void randomLargerTreesGiveTheReferenceRootsAndProofs() {
    TestSeed seed = TestSeed.next();
    for (int round = 0; round < 12; round++) {
      int size = EXHAUSTIVE + 1 + seed.random.nextInt(round < 10 ? 5_000 : 70_000);
      Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, size));
      InMemoryNodes nodes = Trees.nodesOf(reference, size);
      for (int sample = 0; sample < 40; sample++) {
        long n = 1L + seed.random.nextInt(size);
        long m = seed.random.nextLong(n);
        long first = 1 + seed.random.nextLong(n);
        String at = " in a tree of " + size;
        assertSameHash(reference.mth(0, n), MerkleProofs.root(n, nodes), seed.say("root" + at));
        assertSameHashes(
            reference.path(m, n),
            MerkleProofs.inclusion(m, n, nodes),
            seed.say("PATH(" + m + ", D[" + n + "])" + at));
        assertSameHashes(
            reference.proof(first, n),
            MerkleProofs.consistency(first, n, nodes),
            seed.say("PROOF(" + first + ", D[" + n + "])" + at));
      }
    }
  }

  @Test
  void hugeTreesGiveTheReferenceProofs() {
    // No test can hold 2^62 leaves, but proofs read only perfect subtrees: give each an arbitrary
    // hash and compare the recursion above them with the reference's.
    TestSeed seed = TestSeed.next();
    Rfc6962.PerfectSubtreeHash arbitrary =
        (level, index) -> Rfc6962.sha256(HexFormat.of().parseHex("ff"), bytes(level), bytes(index));
    Rfc6962 reference = Rfc6962.virtual(arbitrary);
    NodeSource nodes = (level, index) -> Optional.of(arbitrary.of(level, index));
    for (int sample = 0; sample < 500; sample++) {
      long n = 1 + seed.random.nextLong(1L << (1 + seed.random.nextInt(62)));
      long m = seed.random.nextLong(n);
      long first = 1 + seed.random.nextLong(n);
      assertSameHash(reference.mth(0, n), MerkleProofs.root(n, nodes), seed.say("root of " + n));
      assertSameHashes(
          reference.path(m, n),
          MerkleProofs.inclusion(m, n, nodes),
          seed.say("PATH(" + m + ", D[" + n + "])"));
      assertSameHashes(
          reference.proof(first, n),
          MerkleProofs.consistency(first, n, nodes),
          seed.say("PROOF(" + first + ", D[" + n + "])"));
    }
  }

  @Test
  void theNodeListsNameExactlyTheNodesAProofReads() {
    TestSeed seed = TestSeed.next();
    for (int sample = 0; sample < 300; sample++) {
      long n = 1 + seed.random.nextLong(1L << (1 + seed.random.nextInt(40)));
      long m = seed.random.nextLong(n);
      long first = seed.random.nextLong(n + 1);
      Set<NodeId> read = new HashSet<>();
      NodeSource recording =
          (level, index) -> {
            read.add(new NodeId(level, index));
            return Optional.of(new byte[32]);
          };
      MerkleProofs.inclusion(m, n, recording);
      List<NodeId> named = MerkleProofs.inclusionNodes(m, n);
      assertEquals(Set.copyOf(named), read, seed.say("inclusion " + m + " of " + n));
      assertEquals(read.size(), named.size(), "each node named once");
      read.clear();
      MerkleProofs.consistency(first, n, recording);
      named = MerkleProofs.consistencyNodes(first, n);
      assertEquals(Set.copyOf(named), read, seed.say("consistency " + first + " to " + n));
      assertEquals(read.size(), named.size(), "each node named once");
      read.clear();
      MerkleProofs.root(n, recording);
      assertEquals(Set.copyOf(MerkleProofs.rootNodes(n)), read, seed.say("root of " + n));
      assertEquals(true, read.size() <= 63, "a root reads one node per set bit of the size");
    }
  }

  @Test
  void argumentsOutsideTheTreeAreRefused() {
    InMemoryNodes nodes = new InMemoryNodes();
    assertThrows(IllegalArgumentException.class, () -> MerkleProofs.inclusion(0, 0, nodes));
    assertThrows(IllegalArgumentException.class, () -> MerkleProofs.inclusion(5, 5, nodes));
    assertThrows(IllegalArgumentException.class, () -> MerkleProofs.inclusion(-1, 5, nodes));
    assertThrows(IllegalArgumentException.class, () -> MerkleProofs.consistency(6, 5, nodes));
    assertThrows(IllegalArgumentException.class, () -> MerkleProofs.consistency(-1, 5, nodes));
    assertThrows(IllegalArgumentException.class, () -> MerkleProofs.root(-1, nodes));
  }

  @Test
  void aMissingStoredNodeIsAnErrorNotAWrongProof() {
    InMemoryNodes nodes = new InMemoryNodes();
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> MerkleProofs.inclusion(0, 2, nodes));
    assertEquals("the audit tree has no stored node at level 0, index 1", missing.getMessage());
  }

  private static byte[] bytes(long value) {
    return java.nio.ByteBuffer.allocate(8).putLong(value).array();
  }

  private static List<byte[]> hexes(String... hex) {
    List<byte[]> bytes = new ArrayList<>();
    for (String h : hex) {
      bytes.add(HexFormat.of().parseHex(h));
    }
    return bytes;
  }
}
