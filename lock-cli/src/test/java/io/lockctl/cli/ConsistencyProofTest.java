package io.lockctl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier against proofs built here from RFC 6962's definitions (MTH and SUBPROOF, section
 * 2.1.2), for every pair of tree sizes up to 20; and any changed hash or size fails.
 */
class ConsistencyProofTest {
  private static final int LEAVES = 20;

  @Test
  void everyProofOfTheRfcVerifiesAndNoAlteredOneDoes() throws Exception {
    List<ByteString> leaves = new ArrayList<>();
    for (int i = 0; i < LEAVES; i++) {
      leaves.add(leafHash(new byte[] {(byte) i}));
    }
    for (int second = 1; second <= LEAVES; second++) {
      List<ByteString> tree = leaves.subList(0, second);
      ByteString secondRoot = root(tree);
      for (int first = 1; first <= second; first++) {
        ByteString firstRoot = root(leaves.subList(0, first));
        List<ByteString> proof = first == second ? List.of() : subproof(first, tree, true);
        assertTrue(
            ConsistencyProof.verify(first, second, firstRoot, secondRoot, proof),
            first + " -> " + second);
        if (first < second) {
          ByteString wrong = leafHash(new byte[] {(byte) 0xff});
          assertFalse(ConsistencyProof.verify(first, second, wrong, secondRoot, proof));
          assertFalse(ConsistencyProof.verify(first, second, firstRoot, wrong, proof));
          for (int i = 0; i < proof.size(); i++) {
            List<ByteString> altered = new ArrayList<>(proof);
            altered.set(i, wrong);
            assertFalse(ConsistencyProof.verify(first, second, firstRoot, secondRoot, altered));
          }
          assertFalse(ConsistencyProof.verify(second, first, secondRoot, firstRoot, proof));
        }
      }
    }
  }

  /** RFC 6962 section 2.1.2: SUBPROOF(m, D[n], b). */
  private static List<ByteString> subproof(int m, List<ByteString> d, boolean b) throws Exception {
    int n = d.size();
    List<ByteString> proof = new ArrayList<>();
    if (m == n) {
      if (!b) {
        proof.add(root(d));
      }
      return proof;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      proof.addAll(subproof(m, d.subList(0, k), b));
      proof.add(root(d.subList(k, n)));
    } else {
      proof.addAll(subproof(m - k, d.subList(k, n), false));
      proof.add(root(d.subList(0, k)));
    }
    return proof;
  }

  /** RFC 6962 section 2.1: MTH over leaf hashes. */
  private static ByteString root(List<ByteString> d) throws Exception {
    if (d.size() == 1) {
      return d.get(0);
    }
    int k = Integer.highestOneBit(d.size() - 1);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update((byte) 0x01);
    sha256.update(root(d.subList(0, k)).toByteArray());
    sha256.update(root(d.subList(k, d.size())).toByteArray());
    return ByteString.copyFrom(sha256.digest());
  }

  private static ByteString leafHash(byte[] data) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update((byte) 0x00);
    sha256.update(data);
    return ByteString.copyFrom(sha256.digest());
  }
}
