package io.lockctl.loadtest;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code compare [--target HOST:PORT | --server-jar JAR [--data-dir DIR]] [--noop-target HOST:PORT]
 * [--region R] [--count N] [--seeded] [--concurrency C] [--rounds 3] [--jit-warmup 20s] [--warmup
 * 4s] [--duration 6s]}.
 *
 * @param lockctlTarget a running lockctl to measure; empty to start one from {@code serverJar}
 * @param noopTarget a running no-op server; empty to start one from this tool's class path
 * @param dataDir the started lockctl's data directory
 * @param freshDataDir whether {@code dataDir} was made up for this run, and is deleted after it
 * @param count snapshots seeded, and the range the calls use
 * @param seeded whether lockctl's store already holds the {@code count} snapshots (a store seeded
 *     with millions, which through the API would take an hour), so none are registered
 * @param concurrency calls in flight for the closed-loop (maximum throughput) points
 * @param jitWarmup how long each RPC runs on each server before any point: until the JIT has
 *     compiled its paths, which takes lockctl (far more code than the no-op) tens of seconds
 * @param rounds closed-loop rounds per RPC, each measuring the no-op then lockctl; the median
 *     round's figures are reported
 * @param warmup the run before each point, which lets queues and rates settle
 */
record CompareOptions(
    String lockctlTarget,
    String noopTarget,
    Path serverJar,
    Path dataDir,
    boolean freshDataDir,
    String region,
    long count,
    boolean seeded,
    int concurrency,
    int rounds,
    Duration jitWarmup,
    Duration warmup,
    Duration duration) {

  static final String USAGE =
      "compare [--target HOST:PORT | --server-jar JAR [--data-dir DIR]] [--noop-target HOST:PORT]"
          + " [--region R] [--count N] [--seeded] [--concurrency C] [--rounds 3] [--jit-warmup 20s] [--warmup 4s] [--duration 6s]";

  static CompareOptions parse(List<String> args) {
    Args a =
        Args.parse(
            args,
            Set.of(
                "target",
                "noop-target",
                "server-jar",
                "data-dir",
                "region",
                "count",
                "concurrency",
                "rounds",
                "jit-warmup",
                "warmup",
                "duration"),
            Set.of("seeded"));
    if (a.has("target") && (a.has("server-jar") || a.has("data-dir"))) {
      throw new UsageException(
          "--target measures a running lockctl; --server-jar and --data-dir are for starting one");
    }
    Duration duration = a.duration("duration", Duration.ofSeconds(6));
    if (duration.isZero()) {
      throw new UsageException("--duration must be more than 0");
    }
    Path toolDir = toolDirectory();
    return new CompareOptions(
        a.string("target", ""),
        a.string("noop-target", ""),
        a.has("server-jar") ? Path.of(a.string("server-jar")) : defaultServerJar(toolDir),
        a.has("data-dir")
            ? Path.of(a.string("data-dir"))
            : toolDir.resolve("compare-data-" + System.currentTimeMillis()),
        !a.has("data-dir") && !a.has("target"),
        a.string("region", "cn-hangzhou"),
        a.longValue("count", 1, 20_000),
        a.flag("seeded"),
        a.intValue("concurrency", 1, 64),
        a.intValue("rounds", 1, 3),
        a.duration("jit-warmup", Duration.ofSeconds(20)),
        a.duration("warmup", Duration.ofSeconds(4)),
        duration);
  }

  /**
   * Where lock-server's build puts its jar, seen from this tool's ({@code loadtest/target/}):
   * {@code lock-server/target/lock-server.jar} in the same checkout.
   */
  static Path defaultServerJar(Path toolDir) {
    return toolDir.resolve("../../lock-server/target/lock-server.jar").normalize();
  }

  /**
   * The folder holding this tool's jar ({@code loadtest/target/}), or its classes folder's parent
   * when run from classes: on the build's disk, which is what a durable store must be measured on
   * (a temporary folder may be in memory, where fsync is free).
   */
  static Path toolDirectory() {
    try {
      Path location =
          Path.of(CompareOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toAbsolutePath().getParent();
    } catch (URISyntaxException | RuntimeException unknown) {
      return Path.of("").toAbsolutePath();
    }
  }
}
