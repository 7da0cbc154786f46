package io.lockctl.server.auth;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.lockctl.client.BearerTokenCredentials;
import io.lockctl.client.LockctlClient;
import io.lockctl.client.LockctlException;
import io.lockctl.server.rpc.CallerInterceptor;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.SecureLockctl;
import io.lockctl.server.testing.TempDirs;
import io.lockctl.server.testing.TestPki;
import io.lockctl.server.testing.TestPki.Issued;
import io.lockctl.server.testing.TestTokens;
import io.lockctl.server.testing.WhoAmI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens over real TLS: RS256 and ES256 tokens from the JWKS file name their subject; every
 * other token is refused UNAUTHENTICATED, even alongside a good client certificate.
 */
class TlsBearerTokenTest {
  private static final String SUBJECT = "system:serviceaccount:backup:snapshotter";

  private static Path dir;
  private static CapturedLog quiet;
  private static SecureLockctl lockctl;
  private static RSAKey rsa;
  private static ECKey ec;
  private static ManagedChannel anonymous;

  @BeforeAll
  static void startServer() throws Exception {
    dir = Files.createTempDirectory("lockctl-oidc");
    quiet = CapturedLog.of(CallerInterceptor.class.getName());
    Issued ca = TestPki.ca("test CA");
    TestPki.server(ca).write(dir.resolve("server.pem"), dir.resolve("server.key"));
    TestPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    TestPki.builder("CN=x")
        .uri("spiffe://corp.example/ns/backup/sa/snapshotter")
        .issuedBy(ca)
        .write(dir.resolve("client.pem"), dir.resolve("client.key"));
    rsa = TestTokens.rsaKey("rsa-1");
    ec = TestTokens.ecKey("ec-1");
    TestTokens.writeJwks(dir.resolve("jwks.json"), rsa, ec);
    lockctl =
        SecureLockctl.start(
            new SecurityConfig(
                dir.resolve("server.pem"),
                dir.resolve("server.key"),
                dir.resolve("ca.pem"),
                new SecurityConfig.Oidc(
                    TestTokens.ISSUER, TestTokens.AUDIENCE, dir.resolve("jwks.json")),
                false,
                SecurityConfig.DEFAULT_RELOAD_PERIOD));
    anonymous = lockctl.channel(dir.resolve("ca.pem"), null, null);
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
  void rs256AndEs256TokensNameTheirSubject() {
    assertEquals(
        SUBJECT, whoAmI(anonymous, TestTokens.rs256(rsa, TestTokens.claims(SUBJECT).build())));
    assertEquals(
        "user-2", whoAmI(anonymous, TestTokens.es256(ec, TestTokens.claims("user-2").build())));
  }

  @Test
  void aTokenJustPastItsExpiryIsAcceptedWithinTheClockSkew() {
    Instant now = Instant.now();
    JWTClaimsSet justExpired =
        TestTokens.claims(SUBJECT).expirationTime(Date.from(now.minusSeconds(20))).build();

    assertEquals(SUBJECT, whoAmI(anonymous, TestTokens.rs256(rsa, justExpired)));
  }

  @Test
  void everyOtherTokenIsUnauthenticated() {
    Instant now = Instant.now();
    RSAKey impostor = TestTokens.rsaKey("rsa-1"); // the same key id, another key
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put(
        "expired",
        TestTokens.rs256(
            rsa,
            TestTokens.claims(SUBJECT)
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))
                .build()));
    tokens.put(
        "not yet valid",
        TestTokens.rs256(
            rsa,
            TestTokens.claims(SUBJECT)
                .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .build()));
    tokens.put(
        "issued in the future",
        TestTokens.es256(
            ec,
            TestTokens.claims(SUBJECT)
                .issueTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .build()));
    tokens.put(
        "no expiry",
        TestTokens.rs256(rsa, TestTokens.claims(SUBJECT).expirationTime(null).build()));
    tokens.put(
        "wrong issuer",
        TestTokens.rs256(rsa, TestTokens.claims(SUBJECT).issuer("https://evil.example").build()));
    tokens.put(
        "wrong audience",
        TestTokens.es256(ec, TestTokens.claims(SUBJECT).audience("another-service").build()));
    tokens.put(
        "no subject", TestTokens.rs256(rsa, TestTokens.claims(SUBJECT).subject(null).build()));
    tokens.put("alg none", TestTokens.unsigned(TestTokens.claims(SUBJECT).build()));
    tokens.put(
        "HS256 keyed with the RSA key's public modulus",
        TestTokens.hs256(rsa.getModulus().decode(), "rsa-1", TestTokens.claims(SUBJECT).build()));
    tokens.put("bad signature", TestTokens.rs256(impostor, TestTokens.claims(SUBJECT).build()));
    tokens.put(
        "unknown key",
        TestTokens.rs256(TestTokens.rsaKey("rsa-2"), TestTokens.claims(SUBJECT).build()));
    String good = TestTokens.rs256(rsa, TestTokens.claims(SUBJECT).build());
    tokens.put("tampered claims", tamperedPayload(good));
    tokens.put("not a JWT", "not-a-jwt");

    List<String> why =
        List.of(
            "has expired",
            "not valid yet",
            "issued in the future",
            "has no expiry",
            "another issuer",
            "another audience",
            "no subject",
            "not signed",
            "only RS256 and ES256",
            "signature does not verify",
            "no key of the server's JWKS",
            "signature does not verify",
            "not a JWT");
    assertEquals(why.size(), tokens.size());
    int i = 0;
    for (Map.Entry<String, String> token : tokens.entrySet()) {
      String expected = why.get(i++);
      String message =
          assertRefused(
                  Status.Code.UNAUTHENTICATED,
                  "UNAUTHENTICATED",
                  () -> whoAmI(anonymous, token.getValue()))
              .status()
              .getDescription();
      assertTrue(message.contains(expected), () -> token.getKey() + ": " + message);
    }
    assertTrue(!quiet.anyThrown());
  }

  @Test
  void anAuthorizationHeaderThatIsNotBearerIsUnauthenticated() {
    for (String value : List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ")) {
      Metadata headers = new Metadata();
      headers.put(BearerTokenCredentials.AUTHORIZATION, value);
      assertRefused(
          Status.Code.UNAUTHENTICATED,
          "UNAUTHENTICATED",
          () ->
              WhoAmI.ask(
                  ClientInterceptors.intercept(
                      anonymous, MetadataUtils.newAttachHeadersInterceptor(headers)),
                  CallOptions.DEFAULT));
    }
  }

  @Test
  void withACertificateTooAValidTokenDecidesAndAnInvalidOneRefuses() throws Exception {
    ManagedChannel withCertificate =
        lockctl.channel(
            dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.key"));
    String valid = TestTokens.es256(ec, TestTokens.claims(SUBJECT).build());
    String wrongAudience =
        TestTokens.es256(ec, TestTokens.claims(SUBJECT).audience("another-service").build());

    assertEquals(
        "spiffe://corp.example/ns/backup/sa/snapshotter",
        WhoAmI.ask(withCertificate, CallOptions.DEFAULT));
    assertEquals(SUBJECT, whoAmI(withCertificate, valid));
    assertRefused(
        Status.Code.UNAUTHENTICATED,
        "UNAUTHENTICATED",
        () -> whoAmI(withCertificate, wrongAudience));
  }

  @Test
  void withoutCredentialsLockctlCallsAreRefusedAndHealthAnswers() {
    assertRefused(
        Status.Code.UNAUTHENTICATED,
        "UNAUTHENTICATED",
        () -> WhoAmI.ask(anonymous, CallOptions.DEFAULT));
    assertEquals(
        ServingStatus.SERVING,
        HealthGrpc.newBlockingStub(anonymous)
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus());
  }

  @Test
  void theJavaClientSendsItsTokenOverTls() {
    String token = TestTokens.rs256(rsa, TestTokens.claims(SUBJECT).build());
    try (LockctlClient client =
        LockctlClient.builder()
            .target(lockctl.target())
            .trustedCertificates(dir.resolve("ca.pem"))
            .bearerToken(() -> token)
            .build()) {
      assertEquals(
          snapshotId(7),
          client.registerSnapshot(register(snapshotId(7)).build()).getSnapshot().getSnapshotId());
    }
    String expired =
        TestTokens.rs256(
            rsa,
            TestTokens.claims(SUBJECT)
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
                .build());
    try (LockctlClient client =
        LockctlClient.builder()
            .target(lockctl.target())
            .trustedCertificates(dir.resolve("ca.pem"))
            .bearerToken(() -> expired)
            .build()) {
      LockctlException refused =
          assertThrows(
              LockctlException.class,
              () -> client.registerSnapshot(register(snapshotId(8)).build()));
      assertEquals(Status.Code.UNAUTHENTICATED, refused.code());
      assertEquals("UNAUTHENTICATED", refused.reason());
    }
  }

  @Test
  void refusalsAreLoggedWithoutTheToken() {
    String token =
        TestTokens.rs256(rsa, TestTokens.claims(SUBJECT).issuer("https://evil.example").build());
    try (CapturedLog log = CapturedLog.of(CallerInterceptor.class.getName())) {
      assertRefused(Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED", () -> whoAmI(anonymous, token));
      for (String message : log.messages(Level.ALL)) {
        assertTrue(!message.contains(token.substring(token.lastIndexOf('.') + 1)), message);
      }
    }
  }

  private static String whoAmI(ManagedChannel channel, String token) {
    return WhoAmI.ask(
        channel, CallOptions.DEFAULT.withCallCredentials(new BearerTokenCredentials(() -> token)));
  }

  /** {@code token} with one claim changed and its signature kept. */
  private static String tamperedPayload(String token) {
    String[] parts = token.split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace(SUBJECT, "system:serviceaccount:sec:admin");
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }
}
