package io.lockctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.server.ServerConfigParser.Invocation;
import io.lockctl.server.auth.SecurityConfig;
import io.lockctl.server.logging.LogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigParserTest {

  @Test
  void nothingGivenMeansTheDefaults() {
    assertEquals(
        new ServerConfig("127.0.0.1", 50051, Path.of("lockctl-data"), Duration.ofSeconds(30)),
        config(List.of(), Map.of()));
  }

  @Test
  void theHttpEdgeIsOffUnlessAPortIsGiven() {
    assertEquals(HttpConfig.OFF, config(List.of(), Map.of()).http());
    assertEquals(
        new HttpConfig(8080, "123456789012", Path.of("/etc/lockctl/master.key"), "eu-central-1"),
        config(
                List.of(
                    "--http-port=8080",
                    "--account-id",
                    "123456789012",
                    "--access-key-master-key",
                    "/etc/lockctl/master.key"),
                Map.of("LOCKCTL_ECS_REGION", "eu-central-1"))
            .http());
    assertInvalid("--account-id must be 12 digits", List.of("--account-id", "12"), Map.of());
    assertInvalid("--http-port must differ from --port", List.of("--http-port", "50051"), Map.of());
    assertInvalid("--http-port must be 0-65535", List.of("--http-port", "70000"), Map.of());
  }

  @Test
  void flagsInBothSpellings() {
    assertEquals(
        new ServerConfig("127.0.0.1", 0, Path.of("/tmp/d"), Duration.ofSeconds(5)),
        config(
            List.of(
                "--host", "127.0.0.1", "--port=0", "--data-dir", "/tmp/d", "--shutdown-grace=5"),
            Map.of()));
  }

  @Test
  void environmentVariablesAndFlagsWinOverThem() {
    Map<String, String> env =
        Map.of(
            "LOCKCTL_HOST", "::1",
            "LOCKCTL_PORT", "7000",
            "LOCKCTL_DATA_DIR", "/var/lib/lockctl",
            "LOCKCTL_SHUTDOWN_GRACE", "10");

    assertEquals(
        new ServerConfig("::1", 7000, Path.of("/var/lib/lockctl"), Duration.ofSeconds(10)),
        config(List.of(), env));
    assertEquals(
        new ServerConfig("::1", 7001, Path.of("/var/lib/lockctl"), Duration.ofSeconds(10)),
        config(List.of("--port", "7001"), env));
  }

  @Test
  void metricsAreOffUnlessAPortIsGivenAndListenOnLoopbackByDefault() {
    assertEquals(null, config(List.of(), Map.of()).metrics());
    assertEquals(
        new ServerConfig.MetricsAddress("127.0.0.1", 9464),
        config(List.of("--metrics-port", "9464"), Map.of()).metrics());
    assertEquals(
        new ServerConfig.MetricsAddress("0.0.0.0", 9000),
        config(List.of("--metrics-host=0.0.0.0"), Map.of("LOCKCTL_METRICS_PORT", "9000"))
            .metrics());
    assertInstanceOf(
        Invocation.Invalid.class,
        ServerConfigParser.parse(List.of("--metrics-host", "0.0.0.0"), Map.of()));
    assertInstanceOf(
        Invocation.Invalid.class,
        ServerConfigParser.parse(List.of("--metrics-port", "70000"), Map.of()));
  }

  @Test
  void aPostgresUrlFromTheFlagOrTheEnvironment() {
    String url = "jdbc:postgresql://db:5432/lockctl?currentSchema=prod";
    ServerConfig embedded = config(List.of(), Map.of());
    assertEquals(null, embedded.postgresUrl());

    assertEquals(url, config(List.of("--postgres-url", url), Map.of()).postgresUrl());
    assertEquals(url, config(List.of(), Map.of("LOCKCTL_POSTGRES_URL", url)).postgresUrl());
    assertEquals(
        url,
        config(
                List.of("--postgres-url=" + url),
                Map.of("LOCKCTL_POSTGRES_URL", "jdbc:postgresql://other/db"))
            .postgresUrl());
  }

  @Test
  void withoutTlsTheDefaultHostIsLoopbackAndOthersNeedInsecure() {
    assertEquals("127.0.0.1", config(List.of(), Map.of()).host());
    for (String loopback : List.of("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost")) {
      assertEquals(loopback, config(List.of("--host", loopback), Map.of()).host());
    }
    for (String other : List.of("0.0.0.0", "::", "10.0.0.7", "lockctl.example", "localhost.evil")) {
      assertInvalid("--host " + other + " without TLS", List.of("--host", other), Map.of());
      assertEquals(other, config(List.of("--host", other, "--insecure"), Map.of()).host());
    }
    assertEquals(
        "0.0.0.0",
        config(List.of(), Map.of("LOCKCTL_HOST", "0.0.0.0", "LOCKCTL_INSECURE", "true")).host());
    assertEquals(
        "0.0.0.0", config(List.of("--host", "0.0.0.0", "--insecure=true"), Map.of()).host());
    assertInvalid("without TLS", List.of("--host", "0.0.0.0", "--insecure=false"), Map.of());
    assertInvalid(
        "LOCKCTL_INSECURE) must be true or false", List.of(), Map.of("LOCKCTL_INSECURE", "maybe"));
  }

  @Test
  void insecureIsASwitchThatTakesNoValue() {
    ServerConfig config = config(List.of("--insecure", "--port", "7"), Map.of());

    assertTrue(config.security().insecure());
    assertEquals(7, config.port());
  }

  @Test
  void withTlsTheDefaultHostIsEveryInterface() {
    ServerConfig config =
        config(
            List.of("--tls-cert", "/etc/lockctl/tls.crt", "--tls-key", "/etc/lockctl/tls.key"),
            Map.of());

    assertEquals("0.0.0.0", config.host());
    assertEquals(Path.of("/etc/lockctl/tls.crt"), config.security().tlsCert());
    assertEquals(Path.of("/etc/lockctl/tls.key"), config.security().tlsKey());
    assertEquals("tls, callers not authenticated", config.security().mode());
  }

  @Test
  void securityFlagsFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "LOCKCTL_TLS_CERT", "/c.pem",
            "LOCKCTL_TLS_KEY", "/k.pem",
            "LOCKCTL_CLIENT_CA", "/ca.pem",
            "LOCKCTL_OIDC_ISSUER", "https://kubernetes.default.svc",
            "LOCKCTL_OIDC_AUDIENCE", "lockctl",
            "LOCKCTL_OIDC_JWKS", "/jwks.json",
            "LOCKCTL_POLICY", "/policy.json");

    ServerConfig config = config(List.of("--oidc-audience", "lockctl-prod"), env);

    assertEquals(Path.of("/ca.pem"), config.security().clientCa());
    assertEquals(
        new SecurityConfig.Oidc(
            "https://kubernetes.default.svc", "lockctl-prod", Path.of("/jwks.json")),
        config.security().oidc());
    assertEquals("tls, client certificates, oidc", config.security().mode());
    assertEquals(Path.of("/policy.json"), config.security().policy());
  }

  @Test
  void authenticatedCallersNeedAPolicyAndAPolicyNeedsAuthenticatedCallers() {
    List<String> tls = List.of("--tls-cert", "/c.pem", "--tls-key", "/k.pem");
    assertInvalid(
        "then --policy is required", concat(tls, List.of("--client-ca", "/ca.pem")), Map.of());
    assertInvalid(
        "--policy needs authenticated callers",
        concat(tls, List.of("--policy", "/policy.json")),
        Map.of());
    assertInvalid("--policy needs authenticated callers", List.of("--policy", "/p.json"), Map.of());
    assertEquals(
        Path.of("/key.pem"),
        config(List.of("--audit-key", "/key.pem"), Map.of()).security().auditKey());
  }

  @Test
  void securityFlagsThatDoNotGoTogether() {
    List<String> tls = List.of("--tls-cert", "/c.pem", "--tls-key", "/k.pem");
    assertInvalid(
        "--tls-cert and --tls-key go together", List.of("--tls-cert", "/c.pem"), Map.of());
    assertInvalid("--tls-cert and --tls-key go together", List.of("--tls-key", "/k.pem"), Map.of());
    assertInvalid(
        "--client-ca needs --tls-cert and --tls-key", List.of("--client-ca", "/ca.pem"), Map.of());
    assertInvalid(
        "need --tls-cert and --tls-key",
        List.of("--oidc-issuer", "https://i", "--oidc-audience", "a", "--oidc-jwks", "/jwks.json"),
        Map.of());
    assertInvalid(
        "missing: --oidc-audience, --oidc-jwks",
        concat(tls, List.of("--oidc-issuer", "https://i")),
        Map.of());
    assertInvalid(
        "--oidc-issuer must not be empty",
        concat(tls, List.of("--oidc-issuer=", "--oidc-audience", "a", "--oidc-jwks", "/j")),
        Map.of());
    assertInvalid("--insecure contradicts", concat(tls, List.of("--insecure")), Map.of());
    assertInvalid("--tls-cert must not be empty", List.of(), Map.of("LOCKCTL_TLS_CERT", ""));
  }

  @Test
  void helpIsAskedFor() {
    assertInstanceOf(
        Invocation.ShowHelp.class,
        ServerConfigParser.parse(List.of("--port", "1", "--help"), Map.of()));
  }

  @Test
  void versionIsAskedFor() {
    assertInstanceOf(
        Invocation.ShowVersion.class,
        ServerConfigParser.parse(List.of("--port", "1", "--version"), Map.of()));
  }

  @Test
  void logFormatAndLevelFromFlagsOrTheEnvironment() {
    assertEquals(LogSettings.DEFAULT, run(List.of(), Map.of()).logging());
    assertEquals(
        new LogSettings(LogSettings.Format.JSON, Level.FINE),
        run(List.of("--log-format", "json", "--log-level=debug"), Map.of()).logging());
    assertEquals(
        new LogSettings(LogSettings.Format.TEXT, Level.WARNING),
        run(List.of(), Map.of("LOCKCTL_LOG_FORMAT", "text", "LOCKCTL_LOG_LEVEL", "warn"))
            .logging());
    assertInvalid("--log-format must be json or text", List.of("--log-format", "xml"), Map.of());
    assertInvalid(
        "--log-level must be error, warn, info or debug", List.of("--log-level", "loud"), Map.of());
  }

  @Test
  void badInputIsExplained() {
    assertInvalid("unknown flag: --colour", List.of("--colour", "red"), Map.of());
    assertInvalid("unexpected argument: serve", List.of("serve"), Map.of());
    assertInvalid("--port needs a value", List.of("--port"), Map.of());
    assertInvalid("must be a whole number", List.of("--port", "http"), Map.of());
    assertInvalid("LOCKCTL_PORT", List.of(), Map.of("LOCKCTL_PORT", "x"));
    assertInvalid("port must be 0-65535", List.of("--port", "65536"), Map.of());
    assertInvalid(
        "shutdown grace must not be negative", List.of("--shutdown-grace", "-1"), Map.of());
    assertInvalid("--data-dir must not be empty", List.of("--data-dir="), Map.of());
    assertInvalid("host must not be empty", List.of("--host", ""), Map.of());
    assertInvalid(
        "--postgres-url must start with jdbc:postgresql:",
        List.of("--postgres-url", "postgres://db/lockctl"),
        Map.of());
    assertInvalid(
        "--postgres-url must start with jdbc:postgresql:",
        List.of(),
        Map.of("LOCKCTL_POSTGRES_URL", ""));
  }

  @Test
  void theLimitsAreTheDefaultsUnlessSet() {
    assertEquals(ServerLimits.DEFAULTS, config(List.of(), Map.of()).limits());
    assertEquals(1 << 20, ServerLimits.DEFAULTS.maxRequestBytes());
    assertEquals(4 << 20, ServerLimits.DEFAULTS.maxTransportMessageBytes());
    assertEquals(64L << 20, ServerLimits.DEFAULTS.maxInflightRequestBytes());
    assertEquals(4 << 20, ServerLimits.DEFAULTS.maxResponseBytes());
    assertEquals(100, ServerLimits.DEFAULTS.maxCallsPerConnection());
    assertEquals(64 << 10, ServerLimits.DEFAULTS.flowControlWindow());
  }

  @Test
  void everyLimitFromFlagsTheEnvironmentOrTheConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lockctl.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "max-response-bytes: 512KiB",
            "max-connection-age: 2h",
            "max-calls-per-connection: 7",
            "flow-control-window: 1MiB",
            "refusal-log-interval: 0"));
    ServerLimits limits =
        config(
                List.of(
                    "--config",
                    file.toString(),
                    "--max-request-bytes=2MiB",
                    "--max-inflight-request-bytes",
                    "1GiB",
                    "--max-metadata-bytes",
                    "32768",
                    "--keepalive-time",
                    "30s",
                    "--keepalive-timeout=5s",
                    "--permit-keepalive-time",
                    "0",
                    "--max-calls-per-connection",
                    "20"),
                Map.of(
                    "LOCKCTL_MAX_CONNECTION_IDLE", "2m",
                    "LOCKCTL_MAX_CONNECTION_AGE_GRACE", "PT30S",
                    "LOCKCTL_MAX_CONNECTION_AGE", "3h",
                    "LOCKCTL_FLOW_CONTROL_WINDOW", "256KiB"))
            .limits();
    assertEquals(
        new ServerLimits(
            2 << 20,
            1L << 30,
            512 << 10,
            32 << 10,
            20, // the flag wins over the file
            256 << 10, // the variable wins over the file
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ZERO,
            Duration.ofMinutes(2),
            Duration.ofHours(3), // the variable wins over the file
            Duration.ofSeconds(30),
            Duration.ZERO),
        limits);
    assertEquals(8 << 20, limits.maxTransportMessageBytes());
  }

  @Test
  void aBadLimitIsAStartupErrorNamingItsFlag() {
    assertInvalid(
        "--max-request-bytes must be 64KiB to 64MiB, got 1024 bytes",
        List.of("--max-request-bytes", "1KiB"),
        Map.of());
    assertInvalid(
        "--max-response-bytes (or LOCKCTL_MAX_RESPONSE_BYTES) must be a size such as",
        List.of("--max-response-bytes", "4MB"),
        Map.of());
    assertInvalid(
        "--max-response-bytes must be less than 2GiB",
        List.of(),
        Map.of("LOCKCTL_MAX_RESPONSE_BYTES", "4GiB"));
    assertInvalid(
        "--max-inflight-request-bytes must be 1MiB to 1024GiB",
        List.of("--max-inflight-request-bytes", "0"),
        Map.of());
    assertInvalid(
        "--max-metadata-bytes must be 4KiB to 8MiB",
        List.of("--max-metadata-bytes", "1GiB"),
        Map.of());
    assertInvalid(
        "--max-calls-per-connection must be at least 1",
        List.of("--max-calls-per-connection", "0"),
        Map.of());
    assertInvalid(
        "--max-calls-per-connection (or LOCKCTL_MAX_CALLS_PER_CONNECTION) must be a whole number",
        List.of("--max-calls-per-connection", "many"),
        Map.of());
    assertInvalid(
        "--flow-control-window must be 64KiB to 16MiB, got 16384 bytes",
        List.of("--flow-control-window", "16KiB"),
        Map.of());
    assertInvalid(
        "--flow-control-window must be 64KiB to 16MiB",
        List.of(),
        Map.of("LOCKCTL_FLOW_CONTROL_WINDOW", "32MiB"));
    assertInvalid(
        "--keepalive-time (or LOCKCTL_KEEPALIVE_TIME): expected a duration such as 1h",
        List.of("--keepalive-time", "60"),
        Map.of());
    assertInvalid(
        "--keepalive-timeout must be at least 1s",
        List.of("--keepalive-timeout", "500ms"),
        Map.of());
    for (String flag : List.of("--max-connection-idle", "--max-connection-age")) {
      assertInvalid(flag + " must be at least 1s", List.of(flag, "0"), Map.of());
    }
    assertInvalid(
        "--refusal-log-interval (or LOCKCTL_REFUSAL_LOG_INTERVAL): expected a duration",
        List.of("--refusal-log-interval", "-1s"),
        Map.of());
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static ServerConfig config(List<String> args, Map<String, String> env) {
    return run(args, env).config();
  }

  private static Invocation.Run run(List<String> args, Map<String, String> env) {
    return assertInstanceOf(Invocation.Run.class, ServerConfigParser.parse(args, env));
  }

  private static void assertInvalid(String expected, List<String> args, Map<String, String> env) {
    Invocation.Invalid invalid =
        assertInstanceOf(Invocation.Invalid.class, ServerConfigParser.parse(args, env));
    assertTrue(
        invalid.message().contains(expected), () -> invalid.message() + " should say " + expected);
  }
}
