package io.lockctl.core.audit;

import java.util.Arrays;
import java.util.List;

/**
 * A checkpoint with its Ed25519 signature, also packaged as a C2SP signed note under the key name
 * that is the checkpoint's origin.
 *
 * @param signature the Ed25519 signature of exactly {@link Checkpoint#text()}
 * @param signedNote the text, an empty line, and the line "— origin base64(key id || signature)"
 */
public record SignedCheckpoint(Checkpoint checkpoint, byte[] signature, String signedNote) {
  public SignedCheckpoint {
    signature = signature.clone();
  }

  /** Signs {@code checkpoint} with {@code key}. */
  public static SignedCheckpoint sign(Checkpoint checkpoint, AuditSigningKey key) {
    byte[] signature = key.sign(checkpoint.signedBytes());
    NoteSignature line =
        new NoteSignature(
            checkpoint.origin(), key.publicKey().noteKeyId(checkpoint.origin()), signature);
    String note = new SignedNote(checkpoint.text(), List.of(line)).format();
    return new SignedCheckpoint(checkpoint, signature, note);
  }

  /** Whether {@code signature} is {@code key}'s signature of {@code checkpoint}'s text. */
  public static boolean verify(Checkpoint checkpoint, byte[] signature, AuditPublicKey key) {
    return key.verify(checkpoint.signedBytes(), signature);
  }

  /**
   * The checkpoint in {@code signedNote}, once its signature by {@code key} under the key name
   * {@code origin} verifies and its origin line is {@code origin}: how a client checks a checkpoint
   * offline.
   */
  public static Checkpoint open(String signedNote, String origin, AuditPublicKey key)
      throws CheckpointException {
    Checkpoint checkpoint =
        Checkpoint.parse(SignedNote.parse(signedNote).verifiedText(origin, key));
    if (!checkpoint.origin().equals(origin)) {
      throw new CheckpointException(
          "the checkpoint is of log \"" + checkpoint.origin() + "\", not \"" + origin + "\"");
    }
    return checkpoint;
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedCheckpoint that
        && checkpoint.equals(that.checkpoint)
        && Arrays.equals(signature, that.signature)
        && signedNote.equals(that.signedNote);
  }

  @Override
  public int hashCode() {
    return (checkpoint.hashCode() * 31 + Arrays.hashCode(signature)) * 31 + signedNote.hashCode();
  }

  @Override
  public String toString() {
    return "SignedCheckpoint[" + signedNote + "]";
  }
}
