package io.lockctl.server.auth;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.lockctl.client.BearerTokenCredentials;
import io.lockctl.server.rpc.CallerInterceptor;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.SecureLockctl;
import io.lockctl.server.testing.TempDirs;
import io.lockctl.server.testing.TestPki;
import io.lockctl.server.testing.TestPki.Issued;
import io.lockctl.server.testing.TestTokens;
import io.lockctl.server.testing.WhoAmI;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files replaced while the server runs: new connections get the new server certificate, and new
 * tokens are checked against the new JWKS, within a few reload periods; a broken replacement leaves
 * the current credentials in force.
 */
class TlsRotationTest {
  private static final Duration WITHIN = Duration.ofSeconds(8);

  private Path dir;
  private Issued ca;
  private CapturedLog log;

  @BeforeEach
  void makeFiles() throws Exception {
    dir = Files.createTempDirectory("lockctl-rotation");
    log = CapturedLog.of(FileReloader.class.getName(), ServerSecurity.class.getName());
    ca = TestPki.ca("rotation CA");
    TestPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    TestPki.server(ca).write(dir.resolve("server.pem"), dir.resolve("server.key"));
  }

  @AfterEach
  void removeFiles() throws Exception {
    log.close();
    TempDirs.deleteRecursively(dir);
  }

  @Test
  void newConnectionsPresentTheReplacedServerCertificate() throws Exception {
    try (SecureLockctl lockctl = SecureLockctl.start(tlsOnly())) {
      BigInteger before = presentedSerial(lockctl.port());
      Issued renewed = TestPki.server(ca);

      // overwritten in place, the certificate first: for a moment the key does not match it
      TestPki.writeCertificates(dir.resolve("server.pem"), renewed.certificate());
      Files.writeString(
          dir.resolve("server.key"),
          TestPki.pem("PRIVATE KEY", renewed.keys().getPrivate().getEncoded()));

      BigInteger expected = renewed.certificate().getSerialNumber();
      awaitTrue(() -> expected.equals(presentedSerial(lockctl.port())));
      assertTrue(!expected.equals(before));
      assertEquals(
          ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(lockctl.channel(dir.resolve("ca.pem"), null, null))
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus());
      assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("reloaded server")));
    }
  }

  @Test
  void aBrokenReplacementKeepsTheCurrentCertificate() throws Exception {
    try (SecureLockctl lockctl = SecureLockctl.start(tlsOnly())) {
      BigInteger before = presentedSerial(lockctl.port());
      Issued other = TestPki.server(ca);
      // a certificate whose key is not the one beside it
      TestPki.writeCertificates(dir.resolve("server.pem"), other.certificate());

      awaitTrue(
          () ->
              log.messages(Level.WARNING).stream()
                  .anyMatch(m -> m.contains("keeping the current server certificate")));
      assertEquals(before, presentedSerial(lockctl.port()));
      assertTrue(
          log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("is not the private key")),
          () -> log.messages(Level.WARNING).toString());
      assertEquals(
          1,
          log.messages(Level.WARNING).stream()
              .filter(m -> m.contains("keeping the current"))
              .count(),
          "logged once, not every period");
      assertTrue(!log.anyThrown());
    }
  }

  @Test
  void tokensAreCheckedAgainstTheReplacedJwks() throws Exception {
    RSAKey old = TestTokens.rsaKey("2024");
    RSAKey next = TestTokens.rsaKey("2025");
    TestTokens.writeJwks(dir.resolve("jwks.json"), old);
    SecurityConfig oidc =
        new SecurityConfig(
            dir.resolve("server.pem"),
            dir.resolve("server.key"),
            null,
            new SecurityConfig.Oidc(
                TestTokens.ISSUER, TestTokens.AUDIENCE, dir.resolve("jwks.json")),
            false,
            SecurityConfig.DEFAULT_RELOAD_PERIOD);
    try (CapturedLog refusals = CapturedLog.of(CallerInterceptor.class.getName());
        SecureLockctl lockctl = SecureLockctl.start(oidc)) {
      ManagedChannel channel = lockctl.channel(dir.resolve("ca.pem"), null, null);
      String oldToken = TestTokens.rs256(old, TestTokens.claims("old").build());
      String nextToken = TestTokens.rs256(next, TestTokens.claims("next").build());
      assertEquals("old", WhoAmI.ask(channel, bearer(oldToken)));
      assertRefused(
          Status.Code.UNAUTHENTICATED,
          "UNAUTHENTICATED",
          () -> WhoAmI.ask(channel, bearer(nextToken)));

      TestTokens.writeJwks(dir.resolve("jwks.json"), next);

      awaitTrue(() -> accepted(() -> WhoAmI.ask(channel, bearer(nextToken))));
      assertRefused(
          Status.Code.UNAUTHENTICATED,
          "UNAUTHENTICATED",
          () -> WhoAmI.ask(channel, bearer(oldToken)));
      assertTrue(!refusals.anyThrown());
    }
  }

  private SecurityConfig tlsOnly() {
    return new SecurityConfig(
        dir.resolve("server.pem"),
        dir.resolve("server.key"),
        null,
        null,
        false,
        SecurityConfig.DEFAULT_RELOAD_PERIOD);
  }

  private static CallOptions bearer(String token) {
    return CallOptions.DEFAULT.withCallCredentials(new BearerTokenCredentials(() -> token));
  }

  private static boolean accepted(Runnable call) {
    try {
      call.run();
      return true;
    } catch (RuntimeException refused) {
      return false;
    }
  }

  /** The serial number of the certificate the server presents to a new TLS connection. */
  private BigInteger presentedSerial(int port) {
    try {
      KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
      roots.load(null, null);
      roots.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(roots);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
      }
    } catch (Exception failed) {
      throw new IllegalStateException(failed);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WITHIN);
      }
      Thread.sleep(100);
    }
  }
}
