package io.lockctl.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code security-cost --pki DIR [--server-jar JAR] [--region R] [--count N] [--concurrency C]
 * [--rounds 5] [--jit-warmup 20s] [--warmup 4s] [--duration 6s]}.
 *
 * @param pki a folder holding {@code ca.pem}, {@code server.pem}, {@code server.key}, {@code
 *     client.pem} and {@code client.key}, as {@code loadtest/make-pki.sh} writes them
 * @param workDir where both servers' data directories and the policy go; deleted afterwards
 * @param rounds LockSnapshot rounds, each measuring both servers back to back
 */
record SecurityCostOptions(
    Path pki,
    Path serverJar,
    Path workDir,
    String region,
    long count,
    int concurrency,
    int rounds,
    Duration jitWarmup,
    Duration warmup,
    Duration duration) {

  static final String USAGE =
      "security-cost --pki DIR [--server-jar JAR] [--region R] [--count N] [--concurrency C]"
          + " [--rounds 5] [--jit-warmup 20s] [--warmup 4s] [--duration 6s]";

  static SecurityCostOptions parse(List<String> args) {
    Args a =
        Args.parse(
            args,
            Set.of(
                "pki",
                "server-jar",
                "region",
                "count",
                "concurrency",
                "rounds",
                "jit-warmup",
                "warmup",
                "duration"),
            Set.of());
    Duration duration = a.duration("duration", Duration.ofSeconds(6));
    if (duration.isZero()) {
      throw new UsageException("--duration must be more than 0");
    }
    Path toolDir = CompareOptions.toolDirectory();
    return new SecurityCostOptions(
        Path.of(a.string("pki")),
        a.has("server-jar")
            ? Path.of(a.string("server-jar"))
            : CompareOptions.defaultServerJar(toolDir),
        toolDir.resolve("security-cost-" + System.currentTimeMillis()),
        a.string("region", "cn-hangzhou"),
        a.longValue("count", 1, 20_000),
        a.intValue("concurrency", 1, 64),
        a.intValue("rounds", 1, 5),
        a.duration("jit-warmup", Duration.ofSeconds(20)),
        a.duration("warmup", Duration.ofSeconds(4)),
        duration);
  }
}
