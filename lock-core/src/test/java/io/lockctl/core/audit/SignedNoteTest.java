package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The C2SP signed-note format, checked against the example of Go's golang.org/x/mod/sumdb/note (the
 * reference implementation of the format): its key, its key id and verifier key, and its signed
 * note, which Ed25519's determinism lets us reproduce byte for byte.
 */
class SignedNoteTest {
  /** sumdb/note's example signer key: "PRIVATE+KEY+PeterNeumann+c74f20a3+" then this. */
  private static final String GO_SIGNER_KEY_DATA = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

  private static final String GO_VERIFIER_KEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  private static final String GO_NOTE =
      GO_TEXT
          + "\n"
          + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  private static AuditSigningKey goKey() {
    byte[] typeAndSeed = Base64.getDecoder().decode(GO_SIGNER_KEY_DATA);
    assertEquals(AuditPublicKey.NOTE_ED25519, typeAndSeed[0]);
    return AuditSigningKey.fromSeed(Arrays.copyOfRange(typeAndSeed, 1, typeAndSeed.length));
  }

  @Test
  void theGoExampleKeyHasTheGoKeyIdAndVerifierKey() {
    AuditPublicKey key = goKey().publicKey();
    assertEquals("c74f20a3", key.noteKeyIdHex("PeterNeumann"));
    assertEquals(GO_VERIFIER_KEY, key.verifierKey("PeterNeumann"));
  }

  @Test
  void signingTheGoExampleTextGivesTheGoExampleNote() {
    AuditSigningKey key = goKey();
    byte[] signature = key.sign(GO_TEXT.getBytes(StandardCharsets.UTF_8));
    NoteSignature line =
        new NoteSignature("PeterNeumann", key.publicKey().noteKeyId("PeterNeumann"), signature);
    assertEquals(GO_NOTE, new SignedNote(GO_TEXT, List.of(line)).format());
    // The dash is U+2014, in UTF-8 E2 80 94, then a space.
    byte[] utf8 = GO_NOTE.getBytes(StandardCharsets.UTF_8);
    int dash = GO_TEXT.length() + 1;
    assertArrayEquals(
        new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0x94, 0x20},
        Arrays.copyOfRange(utf8, dash, dash + 4));
  }

  @Test
  void theGoExampleNoteVerifiesWithTheGoVerifierKey() throws CheckpointException {
    byte[] typeAndKey = Base64.getDecoder().decode(GO_VERIFIER_KEY.split("\\+", 3)[2]);
    AuditPublicKey key =
        AuditPublicKey.fromRaw(Arrays.copyOfRange(typeAndKey, 1, typeAndKey.length));
    SignedNote note = SignedNote.parse(GO_NOTE);
    assertEquals(GO_TEXT, note.text());
    assertEquals(GO_TEXT, note.verifiedText("PeterNeumann", key));
    assertEquals(GO_NOTE, note.format());
  }

  @Test
  void everyChangedCharacterOfTheNoteIsRefused() {
    AuditPublicKey key = goKey().publicKey();
    for (int i = 0; i < GO_NOTE.length(); i++) {
      char original = GO_NOTE.charAt(i);
      for (char other : new char[] {original == 'A' ? 'B' : 'A', '\n'}) {
        if (other == original) {
          continue;
        }
        String changed = GO_NOTE.substring(0, i) + other + GO_NOTE.substring(i + 1);
        assertThrows(
            CheckpointException.class,
            () -> SignedNote.parse(changed).verifiedText("PeterNeumann", key),
            "character " + i + " changed to " + (int) other);
      }
    }
  }

  @Test
  void signaturesOfOtherKeysAreIgnoredButABadOneOfTheKeyRejects() throws CheckpointException {
    AuditSigningKey key = goKey();
    AuditSigningKey other = AuditSigningKey.generate();
    byte[] text = GO_TEXT.getBytes(StandardCharsets.UTF_8);
    NoteSignature good =
        new NoteSignature(
            "PeterNeumann", key.publicKey().noteKeyId("PeterNeumann"), key.sign(text));
    NoteSignature byOther =
        new NoteSignature("other", other.publicKey().noteKeyId("other"), other.sign(text));
    NoteSignature sameNameOtherKey =
        new NoteSignature(
            "PeterNeumann", other.publicKey().noteKeyId("PeterNeumann"), other.sign(text));
    String note = new SignedNote(GO_TEXT, List.of(byOther, sameNameOtherKey, good)).format();
    assertEquals(GO_TEXT, SignedNote.parse(note).verifiedText("PeterNeumann", key.publicKey()));

    NoteSignature forged =
        new NoteSignature(
            "PeterNeumann", key.publicKey().noteKeyId("PeterNeumann"), other.sign(text));
    String rejected = new SignedNote(GO_TEXT, List.of(good, forged)).format();
    assertThrows(
        CheckpointException.class,
        () -> SignedNote.parse(rejected).verifiedText("PeterNeumann", key.publicKey()));

    String unsigned = new SignedNote(GO_TEXT, List.of(byOther)).format();
    CheckpointException none =
        assertThrows(
            CheckpointException.class,
            () -> SignedNote.parse(unsigned).verifiedText("PeterNeumann", key.publicKey()));
    assertEquals("the note has no signature by key PeterNeumann (id c74f20a3)", none.getMessage());
  }

  @Test
  void malformedNotesAreRefused() {
    String line = GO_NOTE.substring(GO_TEXT.length() + 1);
    for (String note :
        new String[] {
          "",
          GO_TEXT,
          GO_TEXT + "\n",
          GO_TEXT + "\n" + line.substring(0, line.length() - 1),
          GO_TEXT + line,
          GO_TEXT + "\n" + line.replace('\u2014', '-'),
          GO_TEXT + "\n" + line + "\n",
          GO_TEXT.replace("problem,", "problem,\t") + "\n" + line,
          "\n" + line,
          GO_TEXT + "\n\u2014 PeterNeumann AAAA\n",
          GO_TEXT + "\n\u2014 PeterNeumann\n",
          GO_TEXT + "\n\u2014  x08go/ZJ\n",
        }) {
      assertThrows(CheckpointException.class, () -> SignedNote.parse(note), note);
    }
  }
}
