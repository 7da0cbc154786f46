package io.lockctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.server.ServerConfigParser.Invocation;
import io.lockctl.server.logging.LogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config FILE}: what it sets, and that variables and flags override it. */
class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void theFileSetsWhatItNames() throws Exception {
    Path file =
        write(
            """
            # lockctl.yaml
            port: 7000
            data-dir: /var/lib/lockctl
            shutdown-grace: 12
            max-clock-step: 30m
            log-format: json
            log-level: warn
            """);

    Invocation.Run run = run(List.of("--config", file.toString()), Map.of());

    assertEquals(7000, run.config().port());
    assertEquals(Path.of("/var/lib/lockctl"), run.config().dataDir());
    assertEquals(Duration.ofSeconds(12), run.config().shutdownGrace());
    assertEquals(Duration.ofMinutes(30), run.config().maxClockStep());
    assertEquals(new LogSettings(LogSettings.Format.JSON, Level.WARNING), run.logging());
  }

  @Test
  void aVariableWinsOverTheFileAndAFlagOverBoth() throws Exception {
    Path file = write("port: 7000\ndata-dir: /from/file\nlog-level: debug\n");
    Map<String, String> env = Map.of("LOCKCTL_PORT", "7001", "LOCKCTL_CONFIG", file.toString());

    Invocation.Run fromEnv = run(List.of(), env);
    Invocation.Run fromFlag = run(List.of("--port", "7002", "--log-level=error"), env);

    assertEquals(7001, fromEnv.config().port());
    assertEquals(Path.of("/from/file"), fromEnv.config().dataDir());
    assertEquals(Level.FINE, fromEnv.logging().level());
    assertEquals(7002, fromFlag.config().port());
    assertEquals(Path.of("/from/file"), fromFlag.config().dataDir());
    assertEquals(Level.SEVERE, fromFlag.logging().level());
  }

  @Test
  void theFlagNamesTheFileBeforeTheVariable() throws Exception {
    Path chosen = write("port: 7100\n");
    Path ignored = dir.resolve("other.yaml");
    Files.writeString(ignored, "port: 7200\n");

    assertEquals(
        7100,
        run(List.of("--config=" + chosen), Map.of("LOCKCTL_CONFIG", ignored.toString()))
            .config()
            .port());
  }

  @Test
  void aSwitchAndAnEmptyFile() throws Exception {
    assertTrue(
        run(List.of("--config", write("insecure: true\nhost: 0.0.0.0\n").toString()), Map.of())
            .config()
            .security()
            .insecure());
    assertEquals(50051, run(List.of("--config", write("").toString()), Map.of()).config().port());
  }

  @Test
  void mistakesInTheFileAreExplained() throws Exception {
    assertInvalid("unknown key 'colour'", write("colour: red\n"));
    assertInvalid("unknown key 'config'", write("config: /etc/other.yaml\n"));
    assertInvalid("'port' must be a single value", write("port:\n  - 1\n  - 2\n"));
    assertInvalid("must be a mapping", write("- port\n"));
    assertInvalid("not valid YAML", write("port: [1\n"));
    assertInvalid("must be a whole number", write("port: http\n"));
    assertInvalid("cannot read --config", dir.resolve("missing.yaml"));
  }

  @Test
  void theExampleInDocsIsValid() {
    Invocation.Run run = run(List.of("--config", "../docs/lockctl.yaml"), Map.of());

    assertEquals(Path.of("/var/lib/lockctl"), run.config().dataDir());
    assertTrue(run.config().security().tls());
    assertEquals(LogSettings.Format.JSON, run.logging().format());
  }

  private Path write(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "lockctl", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static Invocation.Run run(List<String> args, Map<String, String> env) {
    return assertInstanceOf(Invocation.Run.class, ServerConfigParser.parse(args, env));
  }

  private static void assertInvalid(String expected, Path file) {
    Invocation.Invalid invalid =
        assertInstanceOf(
            Invocation.Invalid.class,
            ServerConfigParser.parse(List.of("--config", file.toString()), Map.of()));
    assertTrue(
        invalid.message().contains(expected), () -> invalid.message() + " should say " + expected);
  }
}
