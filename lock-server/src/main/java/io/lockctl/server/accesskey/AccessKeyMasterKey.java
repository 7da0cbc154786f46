package io.lockctl.server.accesskey;

import io.lockctl.core.accesskey.SecretSealer;
import io.lockctl.server.auth.InvalidSecurityFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The key that seals access-key secrets, read from a file holding its base64: the operator's {@code
 * --access-key-master-key}, or else {@value #DEFAULT_FILE_NAME} in the data directory, made on
 * first start. The default is weaker, and the server says so: whoever holds the data directory
 * holds both the sealed secrets (of the embedded store) and the key that opens them; and replicas
 * sharing a PostgreSQL database must be given the same file.
 */
public final class AccessKeyMasterKey {
  public static final String DEFAULT_FILE_NAME = "access-key-master.key";
  private static final Logger LOG = Logger.getLogger(AccessKeyMasterKey.class.getName());

  private AccessKeyMasterKey() {}

  /** Reads {@code configured}, or the default file in {@code dataDir} (made if absent). */
  public static byte[] load(Path configured, Path dataDir) {
    if (configured != null) {
      return read(configured, "--access-key-master-key");
    }
    Path file = dataDir.resolve(DEFAULT_FILE_NAME);
    if (!Files.exists(file)) {
      create(file);
    }
    LOG.warning(
        "access-key secrets are sealed with "
            + file
            + ", kept beside the data: give --access-key-master-key a file kept elsewhere (the"
            + " same on every replica)");
    return read(file, "the default access-key master key");
  }

  private static void create(Path file) {
    byte[] key = new byte[SecretSealer.MASTER_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      Files.createDirectories(file.getParent());
      Path fresh =
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(fresh, Base64.getEncoder().encodeToString(key) + "\n");
    } catch (FileAlreadyExistsException madeMeanwhile) {
      // another process made it first: use theirs
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  private static byte[] read(Path file, String name) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new InvalidSecurityFileException(name, file, "cannot read it: " + e.getMessage());
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException notBase64) {
      throw new InvalidSecurityFileException(name, file, "is not base64");
    }
    if (key.length != SecretSealer.MASTER_KEY_BYTES) {
      throw new InvalidSecurityFileException(
          name,
          file,
          "must hold the base64 of "
              + SecretSealer.MASTER_KEY_BYTES
              + " bytes (e.g. openssl rand -base64 32), not "
              + key.length);
    }
    return key;
  }
}
