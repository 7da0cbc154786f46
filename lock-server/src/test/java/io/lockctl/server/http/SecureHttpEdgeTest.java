package io.lockctl.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.lockctl.server.HttpConfig;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.auth.SecurityConfig;
import io.lockctl.server.testing.Acs3Requests;
import io.lockctl.server.testing.SecureLockctl;
import io.lockctl.server.testing.TempDirs;
import io.lockctl.server.testing.TestPki;
import io.lockctl.server.testing.TestPki.Issued;
import io.lockctl.v1.AccessKeyServiceGrpc;
import io.lockctl.v1.AuditRecord;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.CreateAccessKeyRequest;
import io.lockctl.v1.CreateAccessKeyResponse;
import io.lockctl.v1.ListAuditEventsRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rbin.RbinClient;
import software.amazon.awssdk.services.rbin.model.RbinException;
import software.amazon.awssdk.services.rbin.model.ResourceType;
import software.amazon.awssdk.services.rbin.model.RetentionPeriodUnit;

/**
 * The HTTP edge of a server that serves TLS with client certificates and a policy: it answers over
 * TLS with the gRPC port's certificate (certificates the test makes), not in plaintext; a signed
 * call acts as its access key's principal, so the policy's denial reaches the SDKs in each anchor's
 * shape and is audited as a gRPC denial is. Without TLS it listens on loopback only.
 */
class SecureHttpEdgeTest {
  private static final String OPERATOR = "spiffe://test.example/sa/operator";
  private static final String OPS = "ops";
  private static final String INTRUDER = "intruder";

  private static Path dir;
  private static SecureLockctl lockctl;
  private static ManagedChannel operator;
  private static TrustManager[] trustCa;

  @BeforeAll
  static void startServer() throws Exception {
    dir = Files.createTempDirectory("lockctl-https");
    Issued ca = TestPki.ca("https CA");
    TestPki.server(ca).write(dir.resolve("server.pem"), dir.resolve("server.key"));
    TestPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    TestPki.builder("CN=operator")
        .uri(OPERATOR)
        .issuedBy(ca)
        .write(dir.resolve("operator.pem"), dir.resolve("operator.key"));
    // the intruder's access key has no statement: the policy denies it everything
    Files.writeString(
        dir.resolve("policy.json"),
        """
        {"statements": [
          {"sid": "operator", "effect": "ALLOW", "principals": ["%s", "%s"],
           "actions": ["lockctl:*"], "resources": ["*"]}
        ]}
        """
            .formatted(OPERATOR, OPS));
    lockctl =
        SecureLockctl.start(
            new SecurityConfig(
                dir.resolve("server.pem"),
                dir.resolve("server.key"),
                dir.resolve("ca.pem"),
                null,
                false,
                SecurityConfig.DEFAULT_RELOAD_PERIOD,
                dir.resolve("policy.json"),
                null),
            HttpConfig.onPort(0));
    operator =
        lockctl.channel(
            dir.resolve("ca.pem"), dir.resolve("operator.pem"), dir.resolve("operator.key"));
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    trustCa = factory.getTrustManagers();
  }

  @AfterAll
  static void stopServer() throws Exception {
    try {
      if (lockctl != null) {
        lockctl.close();
      }
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }

  private static CreateAccessKeyResponse accessKey(String principal) {
    return AccessKeyServiceGrpc.newBlockingStub(operator)
        .createAccessKey(CreateAccessKeyRequest.newBuilder().setPrincipal(principal).build());
  }

  private static RbinClient rbin(CreateAccessKeyResponse key) {
    return RbinClient.builder()
        .endpointOverride(URI.create("https://localhost:" + lockctl.httpPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    key.getAccessKey().getAccessKeyId(), key.getSecretAccessKey())))
        .httpClient(ApacheHttpClient.builder().tlsTrustManagersProvider(() -> trustCa).build())
        .build();
  }

  private static void createRule(RbinClient client) {
    client.createRule(
        rule ->
            rule.resourceType(ResourceType.EBS_SNAPSHOT)
                .retentionPeriod(
                    period ->
                        period
                            .retentionPeriodValue(7)
                            .retentionPeriodUnit(RetentionPeriodUnit.DAYS)));
  }

  private static List<AuditRecord> auditOf(String principal) {
    return AuditServiceGrpc.newBlockingStub(operator)
        .listAuditEvents(ListAuditEventsRequest.getDefaultInstance())
        .getRecordsList()
        .stream()
        .filter(record -> record.getPrincipal().equals(principal))
        .toList();
  }

  @Test
  void theAwsSdkCallsTheEdgeOverTls() {
    try (RbinClient client = rbin(accessKey(OPS))) {
      createRule(client);
      assertEquals(
          1, client.listRules(list -> list.resourceType(ResourceType.EBS_SNAPSHOT)).rules().size());
    }
  }

  @Test
  void aPlaintextRequestToTheTlsPortGetsNoHttpAnswer() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), lockctl.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /rules HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readNBytes(5), StandardCharsets.ISO_8859_1);
      assertFalse(answer.startsWith("HTTP/"), "plaintext got an HTTP answer: " + answer);
    } catch (java.io.IOException closedByServer) {
      // the TLS handler hung up: no plaintext answer either
    }
  }

  @Test
  void thePolicyDeniesAnRbinCallAsAccessDeniedExceptionAndAuditsIt() {
    try (RbinClient client = rbin(accessKey(INTRUDER))) {
      RbinException denied = assertThrows(RbinException.class, () -> createRule(client));
      assertEquals(403, denied.statusCode());
      assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
    }
    assertTrue(
        auditOf(INTRUDER).stream()
            .anyMatch(
                record ->
                    record.getAction().equals("lockctl:CreateRule")
                        && record.getOutcome().equals("ACCESS_DENIED")),
        () -> auditOf(INTRUDER).toString());
  }

  @Test
  void thePolicyDeniesAnEcsCallAsForbiddenRamAndAuditsIt() throws Exception {
    CreateAccessKeyResponse key = accessKey(INTRUDER);
    Acs3Requests ecs =
        new Acs3Requests(
            URI.create("https://localhost:" + lockctl.httpPort()),
            key.getAccessKey().getAccessKeyId(),
            key.getSecretAccessKey());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trustCa, null);
    HttpClient https =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<String> denied =
        https.send(
            ecs.signed(
                "DeleteSnapshot",
                Map.of("RegionId", "cn-hangzhou", "SnapshotId", "s-" + "a".repeat(20)),
                UUID.randomUUID().toString()),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(403, denied.statusCode(), denied.body());
    assertTrue(denied.body().contains("\"Code\":\"Forbidden.RAM\""), denied.body());
    assertTrue(
        auditOf(INTRUDER).stream()
            .anyMatch(
                record ->
                    record.getAction().equals("lockctl:DeleteSnapshot")
                        && record.getOutcome().equals("ACCESS_DENIED")),
        () -> auditOf(INTRUDER).toString());
  }

  @Test
  void withoutTlsTheEdgeListensBeyondLoopbackOnlyWhenTheOperatorSaysSo() {
    ServerConfig loopback =
        new ServerConfig("127.0.0.1", 0, dir, Duration.ZERO).withHttp(HttpConfig.onPort(0));
    assertTrue(loopback.http().enabled());

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ServerConfig("0.0.0.0", 0, dir, Duration.ZERO).withHttp(HttpConfig.onPort(0)));
    assertTrue(refused.getMessage().contains("--insecure"), refused.getMessage());

    SecurityConfig insecure =
        new SecurityConfig(null, null, null, null, true, SecurityConfig.DEFAULT_RELOAD_PERIOD);
    ServerConfig consented =
        new ServerConfig(
                "0.0.0.0",
                0,
                dir,
                Duration.ZERO,
                null,
                ServerConfig.DEFAULT_MAX_CLOCK_STEP,
                insecure)
            .withHttp(HttpConfig.onPort(0));
    assertEquals("0.0.0.0", consented.host());
  }
}
