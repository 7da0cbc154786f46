package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.lockkey.Openssl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key: from openssl's PEM, or made in the data directory once and reused. */
class AuditSigningKeyTest {
  private static final byte[] MESSAGE =
      "lockctl.example/audit\n1\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void aKeyMadeByOpensslSignsWhatOpensslVerifiesAndHasOpensslsPublicKey() throws IOException {
    Assumptions.assumeTrue(Openssl.installed(), "openssl is not installed; skipping this test");
    Openssl openssl = new Openssl(dir);
    openssl.run("openssl genpkey -algorithm ed25519 -out key.pem");
    AuditSigningKey key = AuditSigningKey.load(dir.resolve("key.pem"));

    assertEquals(openssl.run("openssl pkey -in key.pem -pubout"), key.publicKey().pem());
    openssl.write("message", MESSAGE);
    openssl.write("signature", key.sign(MESSAGE));
    openssl.run("openssl pkey -in key.pem -pubout -out pub.pem");
    String verified =
        openssl.run(
            "openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in message -sigfile signature");
    assertTrue(verified.contains("Signature Verified Successfully"), verified);
    assertEquals(key.publicKey(), AuditPublicKey.fromPem(Files.readString(dir.resolve("pub.pem"))));
  }

  @Test
  void aKeyCreatedInTheDataDirectoryIsReadableByOpenssl() throws IOException {
    Assumptions.assumeTrue(Openssl.installed(), "openssl is not installed; skipping this test");
    AuditSigningKey key = AuditSigningKey.loadOrCreate(dir);
    String pub = new Openssl(dir).run("openssl pkey -in " + AuditSigningKey.FILE_NAME + " -pubout");
    assertEquals(key.publicKey().pem(), pub);
  }

  @Test
  void theFirstStartCreatesAnOwnerOnlyKeyFileThatLaterStartsReuse() throws IOException {
    Path data = dir.resolve("lockctl-data");
    AuditSigningKey first = AuditSigningKey.loadOrCreate(data);
    Path file = data.resolve("audit-key.pem");
    assertTrue(Files.isRegularFile(file));
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    try (Stream<Path> files = Files.list(data)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
    AuditSigningKey again = AuditSigningKey.loadOrCreate(data);
    assertEquals(first.publicKey(), again.publicKey());
    assertArrayEquals(first.sign(MESSAGE), again.sign(MESSAGE));
    assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----\n"));
  }

  @Test
  void aKeyOfAnyOtherKindIsRefusedSayingHowToMakeOne() throws Exception {
    String ecKey =
        Pem.encode(
            "PRIVATE KEY",
            KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded());
    String publicKey = AuditSigningKey.generate().publicKey().pem();
    for (String pem :
        new String[] {
          ecKey,
          publicKey,
          "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
          "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n",
          "",
        }) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> AuditSigningKey.fromPem(pem), pem);
      assertTrue(
          refused.getMessage().contains("openssl genpkey -algorithm ed25519"),
          refused.getMessage());
    }
    Files.writeString(dir.resolve("bad.pem"), publicKey);
    IllegalArgumentException named =
        assertThrows(
            IllegalArgumentException.class, () -> AuditSigningKey.load(dir.resolve("bad.pem")));
    assertTrue(named.getMessage().startsWith(dir.resolve("bad.pem") + ": "));
    assertThrows(NoSuchFileException.class, () -> AuditSigningKey.load(dir.resolve("none.pem")));
  }

  @Test
  void aDamagedKeyFileInTheDataDirectoryIsNotReplaced() throws IOException {
    Path file = dir.resolve(AuditSigningKey.FILE_NAME);
    Files.writeString(file, "damaged");
    assertThrows(IllegalArgumentException.class, () -> AuditSigningKey.loadOrCreate(dir));
    assertEquals("damaged", Files.readString(file));
  }

  @Test
  void thePublicKeyRoundTripsThroughPemAndRawBytes() {
    AuditPublicKey key = AuditSigningKey.generate().publicKey();
    assertEquals(32, key.raw().length);
    assertEquals(key, AuditPublicKey.fromRaw(key.raw()));
    assertEquals(key, AuditPublicKey.fromPem(key.pem()));
    assertTrue(key.pem().startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA"));
    assertThrows(IllegalArgumentException.class, () -> AuditPublicKey.fromRaw(new byte[31]));
    String ecPem =
        "-----BEGIN PUBLIC KEY-----\n"
            + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
            + "-----END PUBLIC KEY-----\n";
    assertThrows(IllegalArgumentException.class, () -> AuditPublicKey.fromPem(ecPem));
  }

  @Test
  void signaturesVerifyOnlyForTheirMessageAndKey() {
    AuditSigningKey key = AuditSigningKey.generate();
    byte[] signature = key.sign(MESSAGE);
    assertTrue(key.publicKey().verify(MESSAGE, signature));
    assertFalse(key.publicKey().verify("other".getBytes(StandardCharsets.UTF_8), signature));
    assertFalse(AuditSigningKey.generate().publicKey().verify(MESSAGE, signature));
    assertFalse(key.publicKey().verify(MESSAGE, new byte[63]));
    assertFalse(key.publicKey().verify(MESSAGE, new byte[64]));
    assertEquals(
        "AuditSigningKey[public " + key.publicKey() + "]",
        key.toString(),
        "the private key never shows");
    assertFalse(key.toString().contains(Base64.getEncoder().encodeToString(new byte[1])));
  }
}
