package io.lockctl.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Ed25519 private key that signs checkpoints: from {@code --audit-key FILE} (PKCS#8 PEM, as
 * {@code openssl genpkey -algorithm ed25519 -out FILE} writes it), or created on the first start in
 * the data directory and reused after. The latter is weaker: whoever holds the data directory holds
 * the key, and could re-sign a rewritten log.
 */
public final class AuditSigningKey {
  /** The key's file in the data directory when no {@code --audit-key} is given. */
  public static final String FILE_NAME = "audit-key.pem";

  private static final String HOW_TO_MAKE_ONE = "openssl genpkey -algorithm ed25519 -out FILE";

  private final PrivateKey privateKey;
  private final AuditPublicKey publicKey;

  private AuditSigningKey(KeyPair pair) {
    this.privateKey = pair.getPrivate();
    this.publicKey = AuditPublicKey.of(pair.getPublic());
  }

  /** A new random key. */
  public static AuditSigningKey generate() {
    try {
      return new AuditSigningKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK since 15 has Ed25519", impossible);
    }
  }

  /** The key of its 32-byte RFC 8032 private key. */
  public static AuditSigningKey fromSeed(byte[] seed) {
    return new AuditSigningKey(Ed25519Seeds.keyPair(seed));
  }

  /** The key in a "BEGIN PRIVATE KEY" PEM block (unencrypted PKCS#8) holding an Ed25519 key. */
  public static AuditSigningKey fromPem(String pem) {
    if (pem.contains("ENCRYPTED PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "the key is encrypted; lockctl needs an unencrypted one (" + HOW_TO_MAKE_ONE + ")");
    }
    if (!pem.contains("BEGIN PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "not a PKCS#8 private key (\"BEGIN PRIVATE KEY\"); make one with " + HOW_TO_MAKE_ONE);
    }
    PrivateKey key;
    try {
      key =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", pem)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an Ed25519 private key; make one with " + HOW_TO_MAKE_ONE, e);
    }
    if (!(key instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()) {
      throw new IllegalArgumentException(
          "not an Ed25519 private key; make one with " + HOW_TO_MAKE_ONE);
    }
    return fromSeed(edKey.getBytes().get());
  }

  /** The key in {@code file} ({@code --audit-key}). */
  public static AuditSigningKey load(Path file) throws IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      return fromPem(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The key in {@code dataDirectory}/{@value #FILE_NAME}, created there first if absent: written to
   * a temporary file readable by its owner only, flushed, then linked into place in one step, so a
   * crash never leaves a partial key and a concurrent start cannot replace one.
   */
  public static AuditSigningKey loadOrCreate(Path dataDirectory) throws IOException {
    Path file = dataDirectory.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return load(file);
    }
    Files.createDirectories(dataDirectory);
    AuditSigningKey key = generate();
    Path temporary = Files.createTempFile(dataDirectory, ".audit-key-", ".tmp", ownerOnly(file));
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(key.privateKeyPem().getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      try {
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException lostTheRace) {
        return load(file);
      } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      }
      syncDirectory(dataDirectory);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return key;
  }

  public AuditPublicKey publicKey() {
    return publicKey;
  }

  /** The Ed25519 signature (64 bytes) of {@code message}. */
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK since 15 signs with Ed25519", impossible);
    }
  }

  /** The key as an unencrypted PKCS#8 PEM block, as {@link #fromPem} reads it. */
  public String privateKeyPem() {
    return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
  }

  @Override
  public String toString() {
    return "AuditSigningKey[public " + publicKey + "]";
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    Set<PosixFilePermission> readWrite =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(readWrite)};
  }

  /** Makes the new directory entry durable (POSIX; a no-op where directories cannot be opened). */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // The key file itself is flushed; at worst a crash now means a new key on the next start.
    }
  }
}
