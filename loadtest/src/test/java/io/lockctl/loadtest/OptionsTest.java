package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.v1.SnapshotStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void seedWithDefaults() {
    SeedOptions o =
        SeedOptions.parse(
            List.of("--target", "localhost:50051", "--region", "cn-hangzhou", "--count", "1000"));

    assertEquals(
        new SeedOptions(
            "localhost:50051",
            "cn-hangzhou",
            1000,
            0,
            64,
            SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED),
        o);
  }

  @Test
  void seedWithEverythingAndEqualsSyntax() {
    SeedOptions o =
        SeedOptions.parse(
            List.of(
                "--target=h:1",
                "--region",
                "eu-west-1",
                "--count",
                "5",
                "--start",
                "100",
                "--concurrency=8",
                "--status",
                "progressing"));

    assertEquals(
        new SeedOptions("h:1", "eu-west-1", 5, 100, 8, SnapshotStatus.SNAPSHOT_STATUS_PROGRESSING),
        o);
  }

  @Test
  void seedRefusals() {
    assertUsage(
        "--count is required",
        () -> SeedOptions.parse(List.of("--target", "h:1", "--region", "r1")));
    assertUsage(
        "--count must be at least 1, was 0",
        () -> SeedOptions.parse(List.of("--target", "h:1", "--region", "r1", "--count", "0")));
    assertUsage(
        "--count must be a whole number, was '1e3'",
        () -> SeedOptions.parse(List.of("--target", "h:1", "--region", "r1", "--count", "1e3")));
    assertUsage(
        "--status must be ACCOMPLISHED, PROGRESSING or FAILED, was 'UNSPECIFIED'",
        () ->
            SeedOptions.parse(
                List.of(
                    "--target",
                    "h:1",
                    "--region",
                    "r1",
                    "--count",
                    "1",
                    "--status",
                    "UNSPECIFIED")));
    assertUsage(
        "unknown option --rate",
        () ->
            SeedOptions.parse(
                List.of("--target", "h:1", "--region", "r1", "--count", "1", "--rate", "5")));
    assertUsage(
        "--region given twice",
        () ->
            SeedOptions.parse(
                List.of("--target", "h:1", "--region", "r1", "--region", "r2", "--count", "1")));
    assertUsage(
        "--count needs a value",
        () -> SeedOptions.parse(List.of("--target", "h:1", "--region", "r1", "--count")));
    assertUsage(
        "unexpected argument 'extra'",
        () ->
            SeedOptions.parse(
                List.of("--target", "h:1", "--region", "r1", "--count", "1", "extra")));
  }

  @Test
  void benchClosedLoopWithDefaults() {
    BenchOptions o =
        BenchOptions.parse(
            List.of(
                "--target",
                "localhost:50051",
                "--rpc",
                "LockSnapshot",
                "--region",
                "cn-hangzhou",
                "--ids",
                "100000"));

    assertEquals(Workload.LOCK_SNAPSHOT, o.workload());
    assertEquals(100_000, o.ids());
    assertEquals(0, o.start());
    assertEquals(16, o.concurrency());
    assertEquals(Duration.ofSeconds(30), o.duration());
    assertEquals(Duration.ofSeconds(5), o.warmup());
    assertEquals(Duration.ofSeconds(10), o.deadline());
    assertFalse(o.openLoop());
    assertFalse(o.json());
  }

  @Test
  void benchOpenLoop() {
    BenchOptions o =
        BenchOptions.parse(
            List.of(
                "--target",
                "h:1",
                "--rpc",
                "GetSnapshot",
                "--region",
                "r1",
                "--ids",
                "10",
                "--start",
                "5",
                "--concurrency",
                "64",
                "--duration",
                "2m",
                "--warmup",
                "500ms",
                "--rate",
                "2000",
                "--deadline",
                "1s",
                "--json"));

    assertEquals(Workload.GET_SNAPSHOT, o.workload());
    assertTrue(o.openLoop());
    assertEquals(2000, o.rate());
    assertEquals(Duration.ofMinutes(2), o.duration());
    assertEquals(Duration.ofMillis(500), o.warmup());
    assertEquals(Duration.ofSeconds(1), o.deadline());
    assertEquals(64, o.concurrency());
    assertTrue(o.json());
  }

  @Test
  void describeNeedsNoIds() {
    BenchOptions o =
        BenchOptions.parse(
            List.of("--target", "h:1", "--rpc", "DescribeLockedSnapshots", "--region", "r1"));

    assertEquals(Workload.DESCRIBE_LOCKED_SNAPSHOTS, o.workload());
    assertEquals(0, o.ids());
  }

  @Test
  void benchRefusals() {
    assertUsage(
        "--ids is required",
        () ->
            BenchOptions.parse(
                List.of("--target", "h:1", "--rpc", "GetSnapshot", "--region", "r1")));
    assertUsage(
        "--rpc must be LockSnapshot, GetSnapshot, DescribeLockedSnapshots or EtcdPut, was 'lockSnapshot'",
        () ->
            BenchOptions.parse(
                List.of("--target", "h:1", "--rpc", "lockSnapshot", "--region", "r1")));
    assertUsage(
        "--duration must look like 500ms, 30s, 2m or 1h, was '30'",
        () ->
            BenchOptions.parse(
                List.of(
                    "--target",
                    "h:1",
                    "--rpc",
                    "DescribeLockedSnapshots",
                    "--region",
                    "r1",
                    "--duration",
                    "30")));
    assertUsage(
        "--duration must be more than 0",
        () ->
            BenchOptions.parse(
                List.of(
                    "--target",
                    "h:1",
                    "--rpc",
                    "DescribeLockedSnapshots",
                    "--region",
                    "r1",
                    "--duration",
                    "0s")));
    assertUsage(
        "--rate must be at least 1, was 0",
        () ->
            BenchOptions.parse(
                List.of(
                    "--target",
                    "h:1",
                    "--rpc",
                    "DescribeLockedSnapshots",
                    "--region",
                    "r1",
                    "--rate",
                    "0")));
    assertUsage(
        "--json given twice",
        () ->
            BenchOptions.parse(
                List.of(
                    "--target",
                    "h:1",
                    "--rpc",
                    "DescribeLockedSnapshots",
                    "--region",
                    "r1",
                    "--json",
                    "--json")));
  }

  @Test
  void unfinishedStreamsDefaultsAndRefusals() {
    UnfinishedStreamsOptions defaults = UnfinishedStreamsOptions.parse(List.of());
    assertEquals(3000, defaults.streams());
    assertEquals(30, defaults.connections());
    assertEquals(1 << 20, defaults.messageBytes());
    assertEquals((1 << 20) - 1, defaults.sentBytes());
    assertFalse(defaults.headersFirst());
    assertEquals(List.of(), defaults.serverFlags());

    UnfinishedStreamsOptions set =
        UnfinishedStreamsOptions.parse(
            List.of(
                "--streams=10",
                "--message-bytes",
                "1000",
                "--sent-bytes",
                "10",
                "--headers-first",
                "--server-flags",
                " --max-inflight-request-bytes  8MiB ",
                "--server-jvm",
                "-Xmx512m"));
    assertEquals(10, set.streams());
    assertEquals(10, set.sentBytes());
    assertTrue(set.headersFirst());
    assertEquals(List.of("--max-inflight-request-bytes", "8MiB"), set.serverFlags());
    assertEquals(List.of("-Xmx512m"), set.serverJvm());

    assertUsage(
        "--sent-bytes must be less than --message-bytes: the body never ends",
        () ->
            UnfinishedStreamsOptions.parse(
                List.of("--message-bytes", "1000", "--sent-bytes", "1000")));
  }

  @Test
  void pgReplicasWithDefaultsAndRefusals() {
    PgReplicasOptions o = PgReplicasOptions.parse(List.of("--server-jar", "s.jar"));
    assertEquals(
        new PgReplicasOptions(
            Path.of("s.jar"),
            "jdbc:postgresql://127.0.0.1:5432/test",
            "cn-hangzhou",
            30_000,
            64,
            2,
            Duration.ofSeconds(5),
            Duration.ofSeconds(15)),
        o);
    assertUsage(
        "--concurrency must be even: it is split between two loads",
        () -> PgReplicasOptions.parse(List.of("--concurrency", "33")));
    assertUsage(
        "--postgres-url must be a jdbc:postgresql: URL without currentSchema:"
            + " jdbc:postgresql://h/db?currentSchema=x",
        () ->
            PgReplicasOptions.parse(
                List.of("--postgres-url", "jdbc:postgresql://h/db?currentSchema=x")));
  }

  private static void assertUsage(String message, Runnable parse) {
    assertEquals(message, assertThrows(UsageException.class, parse::run).getMessage());
  }
}
