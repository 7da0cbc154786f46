package io.lockctl.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code etcd-peer [--etcd BINARY] [--server-jar JAR] [--region R] [--count N] [--concurrency C]
 * [--rounds 3] [--jit-warmup 20s] [--warmup 4s] [--duration 6s]}.
 *
 * @param etcd the etcd server binary (Debian's {@code etcd-server} installs {@code /usr/bin/etcd})
 * @param workDir lockctl's and etcd's data directories and etcd's log; deleted afterwards
 * @param count snapshots seeded in lockctl, and distinct keys written to etcd
 */
record EtcdPeerOptions(
    Path etcd,
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
      "etcd-peer [--etcd /usr/bin/etcd] [--server-jar JAR] [--region R] [--count N] [--concurrency C]"
          + " [--rounds 3] [--jit-warmup 20s] [--warmup 4s] [--duration 6s]";

  static EtcdPeerOptions parse(List<String> args) {
    Args a =
        Args.parse(
            args,
            Set.of(
                "etcd",
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
    return new EtcdPeerOptions(
        Path.of(a.string("etcd", "/usr/bin/etcd")),
        a.has("server-jar")
            ? Path.of(a.string("server-jar"))
            : CompareOptions.defaultServerJar(toolDir),
        toolDir.resolve("etcd-peer-" + System.currentTimeMillis()),
        a.string("region", "cn-hangzhou"),
        a.longValue("count", 1, 20_000),
        a.intValue("concurrency", 1, 64),
        a.intValue("rounds", 1, 3),
        a.duration("jit-warmup", Duration.ofSeconds(20)),
        a.duration("warmup", Duration.ofSeconds(4)),
        duration);
  }
}
