package io.lockctl.server.auth;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.lockctl.client.LockctlClient;
import io.lockctl.client.LockctlException;
import io.lockctl.server.rpc.CallerInterceptor;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.SecureLockctl;
import io.lockctl.server.testing.TempDirs;
import io.lockctl.server.testing.TestPki;
import io.lockctl.server.testing.TestPki.Issued;
import io.lockctl.server.testing.WhoAmI;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mTLS over real sockets: the server asks for a client certificate chained to --client-ca, takes
 * the principal from it, and refuses lockctl calls without one while health still answers.
 */
class TlsClientCertificateTest {
  private static final String SPIFFE = "spiffe://corp.example/ns/backup/sa/snapshotter";

  private static Path dir;
  private static Issued ca;
  private static CapturedLog quiet;
  private static SecureLockctl lockctl;

  @BeforeAll
  static void startServer() throws Exception {
    dir = Files.createTempDirectory("lockctl-mtls");
    quiet = CapturedLog.of(CallerInterceptor.class.getName());
    ca = TestPki.ca("client and server CA");
    TestPki.server(ca).write(dir.resolve("server.pem"), dir.resolve("server.key"));
    TestPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    lockctl =
        SecureLockctl.start(
            new SecurityConfig(
                dir.resolve("server.pem"),
                dir.resolve("server.key"),
                dir.resolve("ca.pem"),
                null,
                false,
                SecurityConfig.DEFAULT_RELOAD_PERIOD));
  }

  @AfterAll
  static void stopServer() throws Exception {
    try {
      if (lockctl != null) {
        lockctl.close();
      }
    } finally {
      quiet.close();
      TempDirs.deleteRecursively(dir);
    }
  }

  @Test
  void theFirstUriSanIsThePrincipal() throws Exception {
    Issued client =
        TestPki.builder("CN=snapshotter,O=backup")
            .dns("snapshotter.backup.svc")
            .uri(SPIFFE)
            .uri("spiffe://corp.example/ns/backup/sa/second")
            .issuedBy(ca);

    assertEquals(SPIFFE, whoAmI(client, "uri"));
  }

  @Test
  void withoutAUriSanTheFirstDnsSan() throws Exception {
    Issued client =
        TestPki.builder("CN=snapshotter")
            .dns("snapshotter.backup.svc")
            .dns("b.example")
            .issuedBy(ca);

    assertEquals("snapshotter.backup.svc", whoAmI(client, "dns"));
  }

  @Test
  void withNeitherTheSubjectsCommonName() throws Exception {
    Issued client = TestPki.builder("CN=backup-operator,OU=ops,O=corp").issuedBy(ca);

    assertEquals("backup-operator", whoAmI(client, "cn"));
  }

  @Test
  void theCallerHeaderIsIgnored() throws Exception {
    Issued client = TestPki.builder("CN=x").uri(SPIFFE).issuedBy(ca);
    Metadata claims = new Metadata();
    claims.put(CallerInterceptor.HEADER, "spiffe://corp.example/ns/sec/admin");

    ManagedChannel channel = channelWith(client, "header");
    assertEquals(
        SPIFFE,
        WhoAmI.ask(
            ClientInterceptors.intercept(
                channel, MetadataUtils.newAttachHeadersInterceptor(claims)),
            CallOptions.DEFAULT));
  }

  @Test
  void withoutACertificateLockctlCallsAreRefusedButHealthAnswers() throws Exception {
    ManagedChannel anonymous = lockctl.channel(dir.resolve("ca.pem"), null, null);
    CapturedLog log = CapturedLog.of(CallerInterceptor.class.getName());

    assertEquals(
        ServingStatus.SERVING,
        HealthGrpc.newBlockingStub(anonymous)
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus());
    long started = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      assertRefused(
          Status.Code.UNAUTHENTICATED,
          "UNAUTHENTICATED",
          () ->
              SnapshotServiceGrpc.newBlockingStub(anonymous)
                  .registerSnapshot(register(snapshotId(1)).build()));
    }
    assertRefused(
        Status.Code.UNAUTHENTICATED,
        "UNAUTHENTICATED",
        () -> WhoAmI.ask(anonymous, CallOptions.DEFAULT));
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    long logged =
        log.messages(Level.WARNING).stream()
            .filter(m -> m.contains("requires a client certificate"))
            .count();
    // at most one line a second for these refusals (another test's may have used this second)
    assertTrue(logged <= 1 + seconds, () -> "logged " + log.messages(Level.ALL));
    assertTrue(!log.anyThrown());
    log.close();
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedAtTheHandshake() throws Exception {
    Issued stranger = TestPki.builder("CN=x").uri(SPIFFE).issuedBy(TestPki.ca("another CA"));
    // a client that presents its certificate whatever CAs the server names
    AdvancedTlsX509KeyManager insistent = new AdvancedTlsX509KeyManager();
    insistent.updateIdentityCredentials(
        new X509Certificate[] {stranger.certificate()}, stranger.keys().getPrivate());
    ManagedChannel channel =
        lockctl.channel(
            TlsChannelCredentials.newBuilder()
                .trustManager(dir.resolve("ca.pem").toFile())
                .keyManager(insistent)
                .build());

    StatusRuntimeException refused =
        assertThrows(StatusRuntimeException.class, () -> WhoAmI.ask(channel, CallOptions.DEFAULT));

    assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused::toString);
    // health too: the connection itself is refused
    assertThrows(
        StatusRuntimeException.class,
        () -> HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()));
  }

  @Test
  void aClientDoesNotOfferACertificateTheServersCasDidNotIssue() throws Exception {
    // gRPC's default key manager picks a certificate by the issuers the server asks for; with
    // none that fits it sends none, and the call is unauthenticated
    Issued stranger = TestPki.builder("CN=x").uri(SPIFFE).issuedBy(TestPki.ca("another CA"));

    assertRefused(
        Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED", () -> whoAmI(stranger, "stranger"));
  }

  @Test
  void anExpiredCertificateIsRefusedAtTheHandshake() throws Exception {
    Instant now = Instant.now();
    Issued expired =
        TestPki.builder("CN=x")
            .uri(SPIFFE)
            .valid(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)))
            .issuedBy(ca);

    StatusRuntimeException refused =
        assertThrows(StatusRuntimeException.class, () -> whoAmI(expired, "expired"));

    assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused::toString);
  }

  @Test
  void theJavaClientOverMutualTlsKeepsIdempotencyTokensPerPrincipal() throws Exception {
    Issued backup = TestPki.builder("CN=x").uri(SPIFFE).issuedBy(ca);
    Issued other = TestPki.builder("CN=x").uri("spiffe://corp.example/ns/other/sa/x").issuedBy(ca);
    backup.write(dir.resolve("backup.pem"), dir.resolve("backup.key"));
    other.write(dir.resolve("other.pem"), dir.resolve("other.key"));

    try (LockctlClient asBackup = client("backup");
        LockctlClient asOther = client("other");
        LockctlClient withoutCertificate =
            LockctlClient.builder()
                .target(lockctl.target())
                .trustedCertificates(dir.resolve("ca.pem"))
                .build()) {
      asBackup.registerSnapshot(register(snapshotId(1)).setClientToken("t-1").build());
      // the same token for another request: a mismatch for the same principal ...
      LockctlException mismatch =
          assertThrows(
              LockctlException.class,
              () ->
                  asBackup.registerSnapshot(register(snapshotId(2)).setClientToken("t-1").build()));
      assertEquals("IDEMPOTENT_PARAMETER_MISMATCH", mismatch.reason());
      // ... and a fresh token for another one
      assertEquals(
          snapshotId(2),
          asOther
              .registerSnapshot(register(snapshotId(2)).setClientToken("t-1").build())
              .getSnapshot()
              .getSnapshotId());

      LockctlException unauthenticated =
          assertThrows(
              LockctlException.class,
              () -> withoutCertificate.registerSnapshot(register(snapshotId(3)).build()));
      assertEquals(Status.Code.UNAUTHENTICATED, unauthenticated.code());
      assertEquals("UNAUTHENTICATED", unauthenticated.reason());
    }
  }

  private static LockctlClient client(String name) {
    return LockctlClient.builder()
        .target(lockctl.target())
        .trustedCertificates(dir.resolve("ca.pem"))
        .clientCertificate(dir.resolve(name + ".pem"), dir.resolve(name + ".key"))
        .build();
  }

  private static String whoAmI(Issued client, String name) throws Exception {
    return WhoAmI.ask(channelWith(client, name), CallOptions.DEFAULT);
  }

  private static ManagedChannel channelWith(Issued client, String name) throws Exception {
    Path cert = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + ".key");
    client.write(cert, key);
    return lockctl.channel(dir.resolve("ca.pem"), cert, key);
  }
}
