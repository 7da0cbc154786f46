package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {

  @Test
  void defaultsStartBothServersWithAFreshDataDirNextToTheTool() {
    CompareOptions o = CompareOptions.parse(List.of());

    assertEquals("", o.lockctlTarget());
    assertEquals("", o.noopTarget());
    assertTrue(o.freshDataDir());
    assertTrue(
        o.dataDir().getFileName().toString().startsWith("compare-data-"), o.dataDir().toString());
    assertTrue(
        o.serverJar().endsWith(Path.of("lock-server", "target", "lock-server.jar")),
        o.serverJar().toString());
    assertEquals(20_000, o.count());
    assertEquals(64, o.concurrency());
    // 10 s a point, 3 rounds of 2 closed-loop points and 2 open-loop points for each of 3 RPCs:
    // four minutes of measuring, after 20 s of each RPC on each server
    assertEquals(Duration.ofSeconds(10), o.warmup().plus(o.duration()));
    assertEquals(Duration.ofSeconds(20), o.jitWarmup());
    assertEquals(3, o.rounds());
    assertFalse(o.seeded());
  }

  @Test
  void theServerJarIsFoundFromTheToolsFolder() {
    assertEquals(
        Path.of("/repo/lock-server/target/lock-server.jar"),
        CompareOptions.defaultServerJar(Path.of("/repo/loadtest/target")));
  }

  @Test
  void runningServersAndAGivenDataDir() {
    CompareOptions running =
        CompareOptions.parse(
            List.of(
                "--target",
                "h:1",
                "--noop-target",
                "h:2",
                "--count",
                "500",
                "--concurrency",
                "16",
                "--rounds",
                "1",
                "--jit-warmup",
                "3s",
                "--warmup",
                "1s",
                "--duration",
                "2s",
                "--region",
                "eu-west-1"));
    assertEquals("h:1", running.lockctlTarget());
    assertEquals("h:2", running.noopTarget());
    assertEquals(500, running.count());
    assertEquals(16, running.concurrency());
    assertEquals(Duration.ofSeconds(3), running.jitWarmup());
    assertEquals(1, running.rounds());
    assertEquals("eu-west-1", running.region());

    CompareOptions started =
        CompareOptions.parse(
            List.of(
                "--server-jar",
                "s.jar",
                "--data-dir",
                "/data/big",
                "--count",
                "10000000",
                "--seeded"));
    assertTrue(started.seeded());
    assertEquals(10_000_000, started.count());
    assertEquals(Path.of("s.jar"), started.serverJar());
    assertEquals(Path.of("/data/big"), started.dataDir());
    assertFalse(started.freshDataDir());
  }

  @Test
  void refusals() {
    assertEquals(
        "--target measures a running lockctl; --server-jar and --data-dir are for starting one",
        assertThrows(
                UsageException.class,
                () -> CompareOptions.parse(List.of("--target", "h:1", "--data-dir", "d")))
            .getMessage());
    assertEquals(
        "--duration must be more than 0",
        assertThrows(UsageException.class, () -> CompareOptions.parse(List.of("--duration", "0s")))
            .getMessage());
    assertEquals(
        "--port must be at most 65535, was 70000",
        assertThrows(UsageException.class, () -> NoopOptions.parse(List.of("--port", "70000")))
            .getMessage());
  }

  @Test
  void readyLines() {
    assertEquals("127.0.0.1:4242", ChildServer.readyTarget("lockctl listening on 127.0.0.1:4242"));
    assertEquals(
        "127.0.0.1:4242",
        ChildServer.readyTarget(
            "lockctl listening on 127.0.0.1:4242 (insecure: plaintext, every caller trusted)"));
    assertEquals("[::1]:7", ChildServer.readyTarget("noop listening on [::1]:7"));
    assertEquals(null, ChildServer.readyTarget("WARNING: something else"));
  }
}
