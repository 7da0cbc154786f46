package io.lockctl.server.auth;

import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.lockctl.client.LockctlClient;
import io.lockctl.core.audit.AuditSigningKey;
import io.lockctl.server.testing.ServerProcess;
import io.lockctl.server.testing.TestPki;
import io.lockctl.server.testing.TestPki.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up rules of Main, as a separate JVM: which combinations start and what they say. */
class TlsStartupTest {
  @TempDir Path dir;

  private final List<AutoCloseable> leftovers = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws Exception {
    for (AutoCloseable leftover : leftovers) {
      leftover.close();
    }
  }

  @Test
  void plaintextOnANonLoopbackHostNeedsInsecure() throws Exception {
    String stderr = usageError("--host", "0.0.0.0", "--port", "0", "--data-dir", data());

    assertTrue(stderr.contains("--host 0.0.0.0 without TLS"), stderr);
    assertTrue(stderr.contains("--insecure"), stderr);
  }

  @Test
  void withInsecureItStartsAndWarns() throws Exception {
    ServerProcess server =
        ServerProcess.start(stderr(), "--host", "0.0.0.0", "--insecure", "--data-dir", data());
    leftovers.add(server);

    assertEquals("insecure: plaintext, every caller trusted", server.mode());
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      assertEquals(
          ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(channel)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertEquals(0, server.stop());
    String stderr = Files.readString(stderr());
    assertTrue(stderr.contains("WARN") && stderr.contains("insecure mode"), stderr);
  }

  @Test
  void credentialsWithoutTlsAreUsageErrors() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "");

    assertTrue(
        usageError("--client-ca", dir.resolve("ca.pem").toString(), "--data-dir", data())
            .contains("--client-ca needs --tls-cert and --tls-key"));
    assertTrue(
        usageError(
                "--oidc-issuer",
                "https://issuer.example",
                "--oidc-audience",
                "lockctl",
                "--oidc-jwks",
                dir.resolve("jwks.json").toString(),
                "--data-dir",
                data())
            .contains("need --tls-cert and --tls-key"));
    assertTrue(
        usageError("--tls-cert", dir.resolve("server.pem").toString(), "--data-dir", data())
            .contains("--tls-cert and --tls-key go together"));
  }

  @Test
  void anUnreadableOrInvalidFileIsNamed() throws Exception {
    Path missing = dir.resolve("missing.pem");
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(garbage, "not a certificate\n");

    String stderr = usageError("--tls-cert", missing.toString(), "--tls-key", garbage.toString());
    assertTrue(stderr.contains("--tls-cert " + missing + ": cannot read it"), stderr);
    assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);

    Files.delete(stderr());
    stderr = usageError("--tls-cert", garbage.toString(), "--tls-key", garbage.toString());
    assertTrue(stderr.contains("--tls-cert " + garbage + ": holds no PEM certificate"), stderr);
    assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
  }

  @Test
  void withTlsAndAClientCaItServesTlsAndAuthenticates() throws Exception {
    Issued ca = TestPki.ca("start-up CA");
    TestPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    TestPki.server(ca).write(dir.resolve("server.pem"), dir.resolve("server.key"));
    TestPki.builder("CN=x")
        .uri("spiffe://corp.example/ns/backup/sa/snapshotter")
        .issuedBy(ca)
        .write(dir.resolve("client.pem"), dir.resolve("client.key"));
    Files.writeString(
        dir.resolve("policy.json"),
        "{\"statements\": [{\"effect\": \"ALLOW\","
            + " \"principals\": [\"spiffe://corp.example/ns/backup/*\"],"
            + " \"actions\": [\"lockctl:*\"], \"resources\": [\"*\"]}]}");
    Files.writeString(dir.resolve("audit-key.pem"), AuditSigningKey.generate().privateKeyPem());
    Files.writeString(
        dir.resolve("access-key-master.key"),
        Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
    ServerProcess server =
        ServerProcess.start(
            stderr(),
            "--tls-cert",
            dir.resolve("server.pem").toString(),
            "--tls-key",
            dir.resolve("server.key").toString(),
            "--client-ca",
            dir.resolve("ca.pem").toString(),
            "--policy",
            dir.resolve("policy.json").toString(),
            "--audit-key",
            dir.resolve("audit-key.pem").toString(),
            "--access-key-master-key",
            dir.resolve("access-key-master.key").toString(),
            "--data-dir",
            data());
    leftovers.add(server);

    assertEquals("tls, client certificates", server.mode());
    try (LockctlClient client =
        LockctlClient.builder()
            .target("127.0.0.1:" + server.port())
            .trustedCertificates(dir.resolve("ca.pem"))
            .clientCertificate(dir.resolve("client.pem"), dir.resolve("client.key"))
            .build()) {
      client.registerSnapshot(register(snapshotId(1)).build());
    }
    assertEquals(0, server.stop());
    assertFalse(Files.readString(stderr()).contains(" WARN "), () -> server.stderrTail());
  }

  private String usageError(String... args) throws Exception {
    Process process = ServerProcess.launch(stderr(), List.of(args));
    leftovers.add(() -> process.destroyForcibly().waitFor(10, TimeUnit.SECONDS));
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String stderr = Files.readString(stderr());
    assertEquals(2, process.exitValue(), stderr);
    return stderr;
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private Path stderr() {
    return dir.resolve("stderr.txt");
  }
}
