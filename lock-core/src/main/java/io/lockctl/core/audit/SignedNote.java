package io.lockctl.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: a text ending in a newline, an empty line, and signature lines "— <key name>
 * <base64(key id || signature)>" (an em dash, U+2014, then a space). The signatures cover the text
 * including its final newline.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /** The em dash and space that open every signature line. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  /** The signed-note spec asks verifiers to accept at least 16; more is a sign of abuse. */
  private static final int MAX_SIGNATURES = 100;

  public SignedNote {
    requireValidText(text);
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException("a signed note has at least one signature");
    }
    signatures = List.copyOf(signatures);
  }

  /** The note as it is sent: text, empty line, signature lines. */
  public String format() {
    StringBuilder note = new StringBuilder(text).append('\n');
    for (NoteSignature signature : signatures) {
      byte[] idAndSignature =
          ByteBuffer.allocate(4 + signature.signature().length)
              .putInt(signature.keyId())
              .put(signature.signature())
              .array();
      note.append(SIGNATURE_PREFIX)
          .append(signature.keyName())
          .append(' ')
          .append(Base64.getEncoder().encodeToString(idAndSignature))
          .append('\n');
    }
    return note.toString();
  }

  /** Parses a note; its signatures are not verified here ({@link #verifiedText}). */
  public static SignedNote parse(String note) throws CheckpointException {
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new CheckpointException("a signed note has no control characters but newlines");
      }
    }
    int separator = note.lastIndexOf("\n\n");
    if (separator < 0 || !note.endsWith("\n")) {
      throw new CheckpointException(
          "a signed note is text, an empty line, then signature lines ending in newlines");
    }
    String text = note.substring(0, separator + 1);
    String block = note.substring(separator + 2);
    if (block.isEmpty()) {
      throw new CheckpointException("a signed note has at least one signature line");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new CheckpointException("the note has more than " + MAX_SIGNATURES + " signatures");
    }
    List<NoteSignature> signatures = new ArrayList<>(lines.length);
    for (String line : lines) {
      signatures.add(signatureLine(line));
    }
    try {
      return new SignedNote(text, signatures);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(e.getMessage());
    }
  }

  /**
   * The text, once a signature by {@code key} under {@code keyName} verifies. As the spec asks,
   * signatures by other keys are ignored, and one by this key that fails rejects the whole note.
   */
  public String verifiedText(String keyName, AuditPublicKey key) throws CheckpointException {
    int keyId = key.noteKeyId(keyName);
    byte[] signed = text.getBytes(StandardCharsets.UTF_8);
    boolean verified = false;
    for (NoteSignature signature : signatures) {
      if (signature.keyName().equals(keyName) && signature.keyId() == keyId) {
        if (!key.verify(signed, signature.signature())) {
          throw new CheckpointException("the signature by key " + keyName + " does not verify");
        }
        verified = true;
      }
    }
    if (!verified) {
      throw new CheckpointException(
          "the note has no signature by key "
              + keyName
              + " (id "
              + String.format("%08x", keyId)
              + ")");
    }
    return text;
  }

  private static NoteSignature signatureLine(String line) throws CheckpointException {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new CheckpointException(
          "a signature line starts with an em dash (U+2014) and a space: " + line);
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space <= 0) {
      throw new CheckpointException("a signature line is \"— <key name> <base64>\": " + line);
    }
    String name = rest.substring(0, space);
    String base64 = rest.substring(space + 1);
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("a signature is not standard base64: " + line);
    }
    if (decoded.length < 5 || !Base64.getEncoder().encodeToString(decoded).equals(base64)) {
      throw new CheckpointException(
          "a signature is the padded base64 of a key id and a signature: " + line);
    }
    ByteBuffer buffer = ByteBuffer.wrap(decoded);
    int keyId = buffer.getInt();
    byte[] signature = new byte[buffer.remaining()];
    buffer.get(signature);
    try {
      return new NoteSignature(name, keyId, signature);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(e.getMessage());
    }
  }

  private static void requireValidText(String text) {
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("a note's text is not empty and ends with a newline");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException("a note's text has no control characters but newlines");
      }
    }
  }
}
