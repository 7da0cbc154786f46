package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code's proofs pass the RFC 9162 verifier written in the test ({@link Rfc9162}); the code's
 * verifier accepts the reference's proofs and rejects every tampered one.
 */
class MerkleVerifierTest {
  private static final int EXHAUSTIVE = 130;

  /** Tampering is tried every way on every pair of sizes up to this (many verifications each). */
  private static final int EXHAUSTIVE_TAMPERING = 80;

  @Test
  void theRfc9162VerifierAcceptsTheCodesProofs() {
    TestSeed seed = TestSeed.next();
    Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, EXHAUSTIVE));
    InMemoryNodes nodes = Trees.nodesOf(reference, EXHAUSTIVE);
    for (int n = 1; n <= EXHAUSTIVE; n++) {
      byte[] root = reference.mth(0, n);
      for (int m = 0; m < n; m++) {
        assertTrue(
            Rfc9162.verifyInclusion(
                m, n, reference.mth(m, m + 1), MerkleProofs.inclusion(m, n, nodes), root),
            seed.say("inclusion of " + m + " in " + n));
      }
      for (int m = 1; m < n; m++) {
        assertTrue(
            Rfc9162.verifyConsistency(
                m, n, reference.mth(0, m), root, MerkleProofs.consistency(m, n, nodes)),
            seed.say("consistency of " + m + " with " + n));
      }
    }
  }

  @Test
  void theCodesVerifierAcceptsTheReferenceProofs() {
    TestSeed seed = TestSeed.next();
    Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, EXHAUSTIVE));
    for (int n = 1; n <= EXHAUSTIVE; n++) {
      byte[] root = reference.mth(0, n);
      for (int m = 0; m < n; m++) {
        assertTrue(
            MerkleVerifier.verifyInclusion(
                reference.mth(m, m + 1), m, n, reference.path(m, n), root),
            seed.say("inclusion of " + m + " in " + n));
      }
      // The RFC defines PROOF(m, D[n]) for 0 < m <= n; from the empty tree the proof is empty.
      assertTrue(MerkleVerifier.verifyConsistency(0, n, reference.mth(0, 0), root, List.of()));
      for (int m = 1; m <= n; m++) {
        assertTrue(
            MerkleVerifier.verifyConsistency(
                m, n, reference.mth(0, m), root, reference.proof(m, n)),
            seed.say("consistency of " + m + " with " + n));
      }
    }
  }

  @Test
  void anInclusionProofWithAFlippedBitOrForAnotherLeafOrSizeFails() {
    TestSeed seed = TestSeed.next();
    Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, EXHAUSTIVE + 1));
    for (int n = 1; n <= EXHAUSTIVE; n++) {
      byte[] root = reference.mth(0, n);
      for (int m = 0; m < n; m++) {
        byte[] leaf = reference.mth(m, m + 1);
        List<byte[]> proof = reference.path(m, n);
        String which = seed.say("inclusion of " + m + " in " + n);
        for (int i = 0; i < proof.size(); i++) {
          List<byte[]> tampered = new ArrayList<>(proof);
          tampered.set(i, Trees.flipped(proof.get(i), seed.random.nextInt(256)));
          assertFalse(MerkleVerifier.verifyInclusion(leaf, m, n, tampered, root), which);
        }
        assertFalse(
            MerkleVerifier.verifyInclusion(
                Trees.flipped(leaf, seed.random.nextInt(256)), m, n, proof, root),
            which);
        assertFalse(
            MerkleVerifier.verifyInclusion(
                leaf, m, n, proof, Trees.flipped(root, seed.random.nextInt(256))),
            which);
        for (long other : new long[] {m - 1, m + 1, n, n + 1}) {
          assertFalse(MerkleVerifier.verifyInclusion(leaf, other, n, proof, root), which);
        }
        // Another size, with the true root of that size.
        for (int size : new int[] {n - 1, n + 1}) {
          if (size > m) {
            assertFalse(
                MerkleVerifier.verifyInclusion(leaf, m, size, proof, reference.mth(0, size)),
                which);
          }
        }
        assertFalse(MerkleVerifier.verifyInclusion(leaf, m, n, longer(proof), root), which);
        if (!proof.isEmpty()) {
          assertFalse(
              MerkleVerifier.verifyInclusion(leaf, m, n, proof.subList(0, proof.size() - 1), root),
              which);
        }
      }
    }
  }

  @Test
  void aConsistencyProofWithAFlippedBitOrForOtherSizesFails() {
    TestSeed seed = TestSeed.next();
    Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, EXHAUSTIVE_TAMPERING + 1));
    for (int n = 2; n <= EXHAUSTIVE_TAMPERING; n++) {
      byte[] root = reference.mth(0, n);
      for (int m = 1; m < n; m++) {
        byte[] firstRoot = reference.mth(0, m);
        List<byte[]> proof = reference.proof(m, n);
        String which = seed.say("consistency of " + m + " with " + n);
        for (int i = 0; i < proof.size(); i++) {
          List<byte[]> tampered = new ArrayList<>(proof);
          tampered.set(i, Trees.flipped(proof.get(i), seed.random.nextInt(256)));
          assertFalse(MerkleVerifier.verifyConsistency(m, n, firstRoot, root, tampered), which);
        }
        assertFalse(
            MerkleVerifier.verifyConsistency(
                m, n, Trees.flipped(firstRoot, seed.random.nextInt(256)), root, proof),
            which);
        assertFalse(
            MerkleVerifier.verifyConsistency(
                m, n, firstRoot, Trees.flipped(root, seed.random.nextInt(256)), proof),
            which);
        // Other sizes, each with its true root.
        for (int[] sizes : new int[][] {{m - 1, n}, {m + 1, n}, {m, n - 1}, {m, n + 1}}) {
          int first = sizes[0];
          int second = sizes[1];
          if (first > 0 && first < second) {
            assertFalse(
                MerkleVerifier.verifyConsistency(
                    first, second, reference.mth(0, first), reference.mth(0, second), proof),
                which + " as " + first + " with " + second);
          }
        }
        assertFalse(MerkleVerifier.verifyConsistency(m, n, firstRoot, root, longer(proof)), which);
        assertFalse(
            MerkleVerifier.verifyConsistency(
                m, n, firstRoot, root, proof.subList(0, proof.size() - 1)),
            which);
      }
    }
  }

  @Test
  void theEmptyTreeAndEqualSizesNeedAnEmptyProof() {
    TestSeed seed = TestSeed.next();
    Rfc6962 reference = Rfc6962.of(Trees.inputs(seed.random, 5));
    byte[] empty = MerkleHash.empty();
    byte[] root = reference.mth(0, 5);
    assertTrue(MerkleVerifier.verifyConsistency(0, 5, empty, root, List.of()));
    assertTrue(MerkleVerifier.verifyConsistency(0, 0, empty, empty, List.of()));
    assertFalse(MerkleVerifier.verifyConsistency(0, 5, root, root, List.of()));
    assertFalse(MerkleVerifier.verifyConsistency(0, 5, empty, root, List.of(root)));
    assertTrue(MerkleVerifier.verifyConsistency(5, 5, root, root, List.of()));
    assertFalse(MerkleVerifier.verifyConsistency(5, 5, root, empty, List.of()));
    assertFalse(MerkleVerifier.verifyConsistency(5, 5, root, root, List.of(root)));
    assertFalse(MerkleVerifier.verifyConsistency(4, 5, reference.mth(0, 4), root, List.of()));
  }

  @Test
  void malformedArgumentsDoNotVerify() {
    byte[] hash = new byte[32];
    byte[] shortHash = new byte[31];
    assertFalse(MerkleVerifier.verifyInclusion(hash, 0, 0, List.of(), hash));
    assertFalse(MerkleVerifier.verifyInclusion(hash, -1, 1, List.of(), hash));
    assertFalse(MerkleVerifier.verifyInclusion(shortHash, 0, 1, List.of(), shortHash));
    assertFalse(MerkleVerifier.verifyInclusion(hash, 0, 2, List.of(shortHash), hash));
    assertFalse(MerkleVerifier.verifyConsistency(3, 2, hash, hash, List.of(hash)));
    assertFalse(MerkleVerifier.verifyConsistency(-1, 2, hash, hash, List.of(hash)));
    assertFalse(MerkleVerifier.verifyConsistency(1, 2, hash, hash, List.of(shortHash)));
    List<byte[]> tooLong = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      tooLong.add(hash);
    }
    assertFalse(MerkleVerifier.verifyInclusion(hash, 0, Long.MAX_VALUE, tooLong, hash));
  }

  private static List<byte[]> longer(List<byte[]> proof) {
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(new byte[32]);
    return longer;
  }
}
