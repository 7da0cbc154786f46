package io.lockctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.auth.SecurityConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockctl's TLS flags against a server that requires client certificates (mTLS), with certificates
 * made by the openssl commands of the README.
 */
class LockctlTlsTest {
  private static final String CLIENT = "spiffe://corp.example/ns/backup/sa/snapshotter";

  @TempDir static Path dir;

  private static LockctlServer server;
  private static String target;

  @BeforeAll
  static void startServer() throws Exception {
    openssl(
        "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -keyout ca.key"
            + " -out ca.pem -subj /CN=lockctl-CA -addext basicConstraints=critical,CA:TRUE"
            + " -addext keyUsage=critical,keyCertSign,cRLSign");
    issue("server", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    issue("client", "subjectAltName=URI:" + CLIENT + "\nextendedKeyUsage=clientAuth\n");
    Files.writeString(
        dir.resolve("policy.json"),
        "{\"statements\": [{\"sid\": \"backup\", \"effect\": \"ALLOW\", \"principals\": [\""
            + CLIENT
            + "\"], \"actions\": [\"lockctl:*\"], \"resources\": [\"*\"]}]}");
    SecurityConfig security =
        new SecurityConfig(
            dir.resolve("server.pem"),
            dir.resolve("server.key"),
            dir.resolve("ca.pem"),
            null,
            false,
            SecurityConfig.DEFAULT_RELOAD_PERIOD,
            dir.resolve("policy.json"),
            null);
    server =
        DaggerServerComponent.factory()
            .create(
                new ServerConfig(
                    "127.0.0.1",
                    0,
                    dir.resolve("data"),
                    Duration.ofSeconds(5),
                    null,
                    ServerConfig.DEFAULT_MAX_CLOCK_STEP,
                    security))
            .server();
    target = "127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void aClientCertificateAuthenticatesTheCallsAndNoneIsRefused() {
    String ca = dir.resolve("ca.pem").toString();
    String[] mtls = {
      "--tls-ca", ca, "--tls-cert", file("client.pem"), "--tls-key", file("client.key")
    };

    int[] status = new int[1];
    String out =
        run(status, concat(mtls, "-o", "json", "snapshots", "register", "-r", "cn-hangzhou"));
    assertEquals(0, status[0], out);
    String audit = run(status, concat(mtls, "audit", "events", "--principal", CLIENT));
    assertEquals(0, status[0], audit);
    assertTrue(audit.contains("lockctl:RegisterSnapshot"), audit);

    String anonymous = run(status, "--tls-ca", ca, "snapshots", "list", "-r", "cn-hangzhou");
    assertEquals(1, status[0]);
    assertTrue(anonymous.contains("lockctl: UNAUTHENTICATED UNAUTHENTICATED"), anonymous);

    String plaintext = run(status, "snapshots", "list", "-r", "cn-hangzhou");
    assertEquals(1, status[0]);
    assertTrue(plaintext.contains("lockctl: UNAVAILABLE"), plaintext);
  }

  private static String file(String name) {
    return dir.resolve(name).toString();
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  /** Runs lockctl against the server; returns stdout and stderr together. */
  private static String run(int[] status, String... args) {
    StringWriter out = new StringWriter();
    List<String> line = new ArrayList<>(List.of("--target", target, "--timeout", "10"));
    line.addAll(List.of(args));
    PrintWriter both = new PrintWriter(out, true);
    status[0] = Lockctl.run(both, both, line.toArray(String[]::new));
    return out.toString();
  }

  private static void issue(String name, String extensions) throws Exception {
    openssl(
        "req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "
            + name
            + ".key -out "
            + name
            + ".csr -subj /CN="
            + name);
    Files.writeString(dir.resolve(name + ".ext"), extensions);
    openssl(
        "x509 -req -in "
            + name
            + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile "
            + name
            + ".ext -out "
            + name
            + ".pem");
  }

  private static void openssl(String args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args.split(" ")));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(
          "openssl " + args + " failed: " + Files.readString(dir.resolve("openssl.log")));
    }
  }
}
