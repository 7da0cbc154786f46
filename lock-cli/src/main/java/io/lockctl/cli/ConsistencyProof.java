package io.lockctl.cli;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Verifies an RFC 6962 consistency proof as RFC 9162 section 2.1.4.2 describes: that the tree of
 * {@code secondSize} leaves with root {@code secondRoot} extends the tree of {@code firstSize}
 * leaves with root {@code firstRoot}, leaving its leaves as they were.
 */
final class ConsistencyProof {
  private ConsistencyProof() {}

  static boolean verify(
      long firstSize,
      long secondSize,
      ByteString firstRoot,
      ByteString secondRoot,
      List<ByteString> proof) {
    if (firstSize > secondSize) {
      return false;
    }
    if (firstSize == secondSize) {
      return proof.isEmpty() && firstRoot.equals(secondRoot);
    }
    if (firstSize == 0) {
      return proof.isEmpty();
    }
    if (proof.isEmpty()) {
      return false;
    }
    Deque<ByteString> path = new ArrayDeque<>(proof);
    if (Long.bitCount(firstSize) == 1) {
      path.addFirst(firstRoot);
    }
    long fn = firstSize - 1;
    long sn = secondSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    ByteString fr = path.peekFirst();
    ByteString sr = fr;
    path.removeFirst();
    for (ByteString c : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(c, fr);
        sr = node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return fr.equals(firstRoot) && sr.equals(secondRoot) && sn == 0;
  }

  private static ByteString node(ByteString left, ByteString right) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update((byte) 0x01);
      sha256.update(left.asReadOnlyByteBuffer());
      sha256.update(right.asReadOnlyByteBuffer());
      return ByteString.copyFrom(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
