package io.lockctl.server.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.server.testing.TestPki;
import io.lockctl.server.testing.TestPki.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What start-up says about each kind of bad file: the flag, the file, and what is wrong. */
class TlsFilesTest {
  @TempDir Path dir;

  private Path cert;
  private Path key;

  @BeforeEach
  void goodServerFiles() throws Exception {
    Issued ca = TestPki.ca("files CA");
    cert = dir.resolve("server.pem");
    key = dir.resolve("server.key");
    TestPki.server(ca).write(cert, key);
    TestPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
  }

  @Test
  void goodFilesOpen() {
    try (ServerSecurity security =
        ServerSecurity.open(config(cert, key, dir.resolve("ca.pem"), null), Clock.systemUTC())) {
      assertTrue(security.warnings().isEmpty());
    }
  }

  @Test
  void aMissingFile() {
    Path missing = dir.resolve("nope.pem");
    assertSays(
        "--tls-key " + missing + ": cannot read it: NoSuchFileException",
        cert,
        missing,
        null,
        null);
  }

  @Test
  void aKeyThatIsNotTheCertificates() throws Exception {
    Path otherKey = dir.resolve("other.key");
    TestPki.server(TestPki.ca("x")).write(dir.resolve("other.pem"), otherKey);
    assertSays(
        "--tls-key " + otherKey + ": is not the private key of the first certificate in " + cert,
        cert,
        otherKey,
        null,
        null);
  }

  @Test
  void keysThatAreNotUnencryptedPkcs8() throws Exception {
    Path rsa = dir.resolve("rsa.key");
    Files.writeString(
        rsa, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertSays(
        "is a RSA PRIVATE KEY, not PKCS#8; convert it: openssl pkcs8", cert, rsa, null, null);
    Path encrypted = dir.resolve("encrypted.key");
    Files.writeString(
        encrypted,
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertSays("is an encrypted key", cert, encrypted, null, null);
  }

  @Test
  void aCaBundleWithoutCertificates() throws Exception {
    Path ca = dir.resolve("empty-ca.pem");
    Files.writeString(ca, "# nothing here\n");
    assertSays("--client-ca " + ca + ": holds no PEM certificate", cert, key, ca, null);
  }

  @Test
  void jwksFilesThatCannotCheckTokens() throws Exception {
    Path notJson = dir.resolve("jwks.txt");
    Files.writeString(notJson, "keys: none");
    assertSays("--oidc-jwks " + notJson + ": is not a JWKS document", cert, key, null, notJson);
    Path onlySecret = dir.resolve("oct.json");
    Files.writeString(
        onlySecret, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}");
    assertSays(
        "--oidc-jwks " + onlySecret + ": holds no RSA or EC public key",
        cert,
        key,
        null,
        onlySecret);
  }

  private static SecurityConfig config(Path cert, Path key, Path ca, Path jwks) {
    return new SecurityConfig(
        cert,
        key,
        ca,
        jwks == null ? null : new SecurityConfig.Oidc("https://issuer", "lockctl", jwks),
        false,
        SecurityConfig.DEFAULT_RELOAD_PERIOD);
  }

  private void assertSays(String expected, Path cert, Path key, Path ca, Path jwks) {
    InvalidSecurityFileException invalid =
        assertThrows(
            InvalidSecurityFileException.class,
            () -> ServerSecurity.open(config(cert, key, ca, jwks), Clock.systemUTC()).close());
    assertTrue(invalid.getMessage().contains(expected), invalid::getMessage);
  }
}
