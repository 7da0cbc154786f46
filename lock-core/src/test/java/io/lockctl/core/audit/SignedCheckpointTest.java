package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signing checkpoints and checking them offline with only the public key. */
class SignedCheckpointTest {
  private static final String ORIGIN = "lockctl.example/audit";
  private static final AuditSigningKey KEY = AuditSigningKey.generate();

  private static Checkpoint checkpoint() {
    TestSeed seed = TestSeed.next();
    byte[] root = new byte[32];
    seed.random.nextBytes(root);
    return new Checkpoint(ORIGIN, seed.random.nextLong(1L << 40), root);
  }

  @Test
  void aSignedCheckpointOpensWithThePublicKey() throws CheckpointException {
    Checkpoint checkpoint = checkpoint();
    SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, KEY);
    assertEquals(checkpoint, SignedCheckpoint.open(signed.signedNote(), ORIGIN, KEY.publicKey()));
    assertTrue(SignedCheckpoint.verify(checkpoint, signed.signature(), KEY.publicKey()));
    assertEquals(64, signed.signature().length);
  }

  @Test
  void theNoteIsTheTextAnEmptyLineAndOneSignatureLineWithTheDetachedSignature() {
    Checkpoint checkpoint = checkpoint();
    SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, KEY);
    String prefix = checkpoint.text() + "\n\u2014 " + ORIGIN + " ";
    assertTrue(signed.signedNote().startsWith(prefix), signed.signedNote());
    assertTrue(signed.signedNote().endsWith("\n"));
    byte[] idAndSignature =
        Base64.getDecoder()
            .decode(
                signed.signedNote().substring(prefix.length(), signed.signedNote().length() - 1));
    assertEquals(KEY.publicKey().noteKeyId(ORIGIN), ByteBuffer.wrap(idAndSignature).getInt());
    assertArrayEquals(
        signed.signature(), Arrays.copyOfRange(idAndSignature, 4, idAndSignature.length));
    assertTrue(
        KEY.publicKey()
            .verify(checkpoint.text().getBytes(StandardCharsets.UTF_8), signed.signature()));
  }

  @Test
  void signingTheSameCheckpointAgainGivesTheSameNote() {
    Checkpoint checkpoint = checkpoint();
    assertEquals(SignedCheckpoint.sign(checkpoint, KEY), SignedCheckpoint.sign(checkpoint, KEY));
  }

  @Test
  void aChangedByteAnotherKeyOrAnotherLogIsRefused() {
    Checkpoint checkpoint = checkpoint();
    SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, KEY);
    String note = signed.signedNote();
    for (int i = 0; i < note.length(); i++) {
      String changed =
          note.substring(0, i) + (note.charAt(i) == '1' ? '2' : '1') + note.substring(i + 1);
      assertThrows(
          CheckpointException.class,
          () -> SignedCheckpoint.open(changed, ORIGIN, KEY.publicKey()),
          "character " + i);
    }
    assertThrows(
        CheckpointException.class,
        () -> SignedCheckpoint.open(note, ORIGIN, AuditSigningKey.generate().publicKey()));
    assertThrows(
        CheckpointException.class,
        () -> SignedCheckpoint.open(note, "lockctl.example/other", KEY.publicKey()));
    for (int bit = 0; bit < 64 * 8; bit += 7) {
      assertFalse(
          SignedCheckpoint.verify(
              checkpoint, Trees.flipped(signed.signature(), bit), KEY.publicKey()));
    }
    Checkpoint bigger = new Checkpoint(ORIGIN, checkpoint.treeSize() + 1, checkpoint.rootHash());
    assertFalse(SignedCheckpoint.verify(bigger, signed.signature(), KEY.publicKey()));
  }

  @Test
  void aNoteSignedUnderAnotherOriginIsRefused() {
    Checkpoint other = new Checkpoint("lockctl.example/other", 1, new byte[32]);
    String note = SignedCheckpoint.sign(other, KEY).signedNote();
    CheckpointException refused =
        assertThrows(
            CheckpointException.class, () -> SignedCheckpoint.open(note, ORIGIN, KEY.publicKey()));
    assertTrue(refused.getMessage().startsWith("the note has no signature by key " + ORIGIN));
  }
}
