package io.lockctl.core.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a policy file, never more than a policy may weigh, and tells whether it has changed. */
final class PolicyFile {

  /**
   * What a poll compares. The content hash is what counts: a rewrite within the clock's resolution
   * keeps size and time, and a Kubernetes ConfigMap update swaps a symlink, which the file's own
   * time may or may not show.
   */
  record Fingerprint(long size, long modifiedMillis, String sha256) {
    /** The file could not be read; a poll that sees it again reports nothing new. */
    static final Fingerprint UNREADABLE = new Fingerprint(-1, -1, "");
  }

  /** The bytes read, and the fingerprint of exactly those bytes. */
  record Contents(byte[] bytes, Fingerprint fingerprint) {}

  private PolicyFile() {}

  static String describe(Path file) {
    return "policy file " + file;
  }

  static Contents read(Path file) throws InvalidPolicyException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new InvalidPolicyException(describe(file), "it is not a regular file");
      }
      if (attributes.size() > PolicyParser.MAX_BYTES) {
        throw new InvalidPolicyException(describe(file), PolicyParser.tooLarge(attributes.size()));
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        // at most one byte more than allowed: enough to see that a file grew past the limit
        bytes = in.readNBytes(PolicyParser.MAX_BYTES + 1);
      }
      if (bytes.length > PolicyParser.MAX_BYTES) {
        throw new InvalidPolicyException(describe(file), PolicyParser.tooLarge(bytes.length));
      }
      return new Contents(
          bytes,
          new Fingerprint(bytes.length, attributes.lastModifiedTime().toMillis(), sha256(bytes)));
    } catch (NoSuchFileException e) {
      throw new InvalidPolicyException(describe(file), "it does not exist");
    } catch (AccessDeniedException e) {
      throw new InvalidPolicyException(describe(file), "it cannot be read: permission denied");
    } catch (IOException e) {
      throw new InvalidPolicyException(describe(file), "it cannot be read: " + e);
    }
  }

  /** The file's fingerprint now, or {@link Fingerprint#UNREADABLE}. */
  static Fingerprint fingerprint(Path file) {
    try {
      return read(file).fingerprint();
    } catch (InvalidPolicyException e) {
      return Fingerprint.UNREADABLE;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
