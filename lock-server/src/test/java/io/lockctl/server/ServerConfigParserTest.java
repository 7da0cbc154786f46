package io.lockctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.server.ServerConfigParser.Invocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigParserTest {

  @Test
  void nothingGivenMeansTheDefaults() {
    assertEquals(
        new ServerConfig("127.0.0.1", 50051, Path.of("lockctl-data"), Duration.ofSeconds(30)),
        config(List.of(), Map.of()));
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
  void helpIsAskedFor() {
    assertInstanceOf(
        Invocation.ShowHelp.class,
        ServerConfigParser.parse(List.of("--port", "1", "--help"), Map.of()));
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

  private static ServerConfig config(List<String> args, Map<String, String> env) {
    return assertInstanceOf(Invocation.Run.class, ServerConfigParser.parse(args, env)).config();
  }

  private static void assertInvalid(String expected, List<String> args, Map<String, String> env) {
    Invocation.Invalid invalid =
        assertInstanceOf(Invocation.Invalid.class, ServerConfigParser.parse(args, env));
    assertTrue(
        invalid.message().contains(expected), () -> invalid.message() + " should say " + expected);
  }
}
