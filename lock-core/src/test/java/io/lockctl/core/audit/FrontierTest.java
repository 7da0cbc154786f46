package io.lockctl.core.audit;

import static io.lockctl.core.audit.Trees.assertSameHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Appending leaf by leaf against the reference, and restoring from persisted nodes. */
class FrontierTest {
  private static final int N = 1100;

  @Test
  void everyAppendGivesTheReferenceRootOfTheTreeSoFar() {
    TestSeed seed = TestSeed.next();
    List<byte[]> inputs = Trees.inputs(seed.random, N);
    Rfc6962 reference = Rfc6962.of(inputs);
    Frontier frontier = Frontier.empty();
    assertSameHash(reference.mth(0, 0), frontier.root(), "the empty tree");
    for (int i = 0; i < N; i++) {
      Frontier.Appended appended = frontier.append(MerkleHash.leaf(inputs.get(i)));
      frontier = appended.frontier();
      assertEquals(i + 1, frontier.size());
      assertSameHash(reference.mth(0, i + 1), appended.root(), seed.say("root of " + (i + 1)));
      assertSameHash(appended.root(), frontier.root(), seed.say("frontier root of " + (i + 1)));
    }
  }

  @Test
  void eachAppendCompletesExactlyTheNewPerfectSubtreesWithTheReferenceHashes() {
    TestSeed seed = TestSeed.next();
    List<byte[]> inputs = Trees.inputs(seed.random, N);
    Rfc6962 reference = Rfc6962.of(inputs);
    Frontier frontier = Frontier.empty();
    Set<NodeId> persisted = new HashSet<>();
    for (int i = 0; i < N; i++) {
      Frontier.Appended appended = frontier.append(MerkleHash.leaf(inputs.get(i)));
      frontier = appended.frontier();
      List<TreeNode> completed = appended.completed();
      // Leaf i completes the subtree of each level whose last leaf it is: one per trailing 1 bit
      // of i, plus the leaf itself.
      assertEquals(Long.numberOfTrailingZeros(~(long) i) + 1, completed.size(), "at leaf " + i);
      assertEquals(new NodeId(0, i), completed.get(0).id());
      for (TreeNode node : completed) {
        assertEquals(i + 1, node.id().firstLeaf() + node.id().leafCount(), "ends at leaf " + i);
        assertSameHash(
            reference.node(node.level(), node.index()), node.hash(), seed.say("node " + node));
        assertTrue(persisted.add(node.id()), "completed twice: " + node.id());
      }
    }
    // Every perfect subtree of the final tree, and no other, was completed once.
    Set<NodeId> all = new HashSet<>();
    for (int level = 0; (1L << level) <= N; level++) {
      for (long index = 0; (index + 1) << level <= N; index++) {
        all.add(new NodeId(level, index));
      }
    }
    assertEquals(all, persisted);
    assertEquals(2L * N - Long.bitCount(N), persisted.size());
  }

  @Test
  void aFrontierRestoredFromPersistedNodesContinuesLikeTheOriginal() {
    TestSeed seed = TestSeed.next();
    int n = 300;
    List<byte[]> inputs = Trees.inputs(seed.random, n);
    Rfc6962 reference = Rfc6962.of(inputs);
    InMemoryNodes store = new InMemoryNodes();
    Frontier frontier = Frontier.empty();
    List<Frontier> history = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      history.add(frontier);
      Frontier.Appended appended = frontier.append(MerkleHash.leaf(inputs.get(i)));
      store.putAll(appended.completed());
      frontier = appended.frontier();
    }
    for (int k = 0; k < n; k++) {
      Frontier restored = Frontier.restore(k, store);
      assertEquals(k, restored.size());
      assertSameHash(history.get(k).root(), restored.root(), seed.say("restored at " + k));
      for (int i = k; i < Math.min(n, k + 40); i++) {
        Frontier.Appended appended = restored.append(MerkleHash.leaf(inputs.get(i)));
        restored = appended.frontier();
        assertSameHash(
            reference.mth(0, i + 1),
            appended.root(),
            seed.say("restored at " + k + ", appended up to " + (i + 1)));
      }
    }
  }

  @Test
  void restoringReadsOnlyTheNodesItNamesAndFailsWithoutThem() {
    TestSeed seed = TestSeed.next();
    for (int sample = 0; sample < 200; sample++) {
      long size = seed.random.nextLong(1L << 62);
      Set<NodeId> read = new HashSet<>();
      Frontier.restore(
          size,
          (level, index) -> {
            read.add(new NodeId(level, index));
            return Optional.of(new byte[32]);
          });
      assertEquals(Set.copyOf(Frontier.restoreNodes(size)), read, seed.say("size " + size));
      assertEquals(Long.bitCount(size), read.size());
    }
    assertThrows(IllegalStateException.class, () -> Frontier.restore(3, new InMemoryNodes()));
  }

  @Test
  void appendingLeavesTheOldFrontierAsItWas() {
    Frontier one = Frontier.empty().append(MerkleHash.leaf(new byte[] {1})).frontier();
    byte[] root = one.root();
    Frontier two = one.append(MerkleHash.leaf(new byte[] {2})).frontier();
    Frontier otherTwo = one.append(MerkleHash.leaf(new byte[] {3})).frontier();
    assertEquals(1, one.size());
    assertSameHash(root, one.root(), "unchanged");
    assertTrue(!MerkleHash.same(two.root(), otherTwo.root()));
    assertThrows(IllegalArgumentException.class, () -> one.append(new byte[31]));
  }
}
