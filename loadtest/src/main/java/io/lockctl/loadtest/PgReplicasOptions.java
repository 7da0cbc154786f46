package io.lockctl.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code pg-replicas [--server-jar JAR] [--postgres-url URL] [--region R] [--count N]
 * [--concurrency C] [--rounds 2] [--warmup 5s] [--duration 15s]}.
 *
 * @param postgresUrl the database, without {@code currentSchema}: each measurement makes a schema
 *     of its own there and drops it afterwards
 * @param count snapshots seeded, half of them locked by each of the two loads
 * @param concurrency LockSnapshot calls in flight in all, half from each load
 */
record PgReplicasOptions(
    Path serverJar,
    String postgresUrl,
    String region,
    long count,
    int concurrency,
    int rounds,
    Duration warmup,
    Duration duration) {

  static final String USAGE =
      "pg-replicas [--server-jar JAR] [--postgres-url jdbc:postgresql://127.0.0.1:5432/test]"
          + " [--region R] [--count N] [--concurrency C] [--rounds 2] [--warmup 5s] [--duration 15s]";

  static PgReplicasOptions parse(List<String> args) {
    Args a =
        Args.parse(
            args,
            Set.of(
                "server-jar",
                "postgres-url",
                "region",
                "count",
                "concurrency",
                "rounds",
                "warmup",
                "duration"),
            Set.of());
    Duration duration = a.duration("duration", Duration.ofSeconds(15));
    if (duration.isZero()) {
      throw new UsageException("--duration must be more than 0");
    }
    String url = a.string("postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    if (!url.startsWith("jdbc:postgresql:") || url.contains("currentSchema")) {
      throw new UsageException(
          "--postgres-url must be a jdbc:postgresql: URL without currentSchema: " + url);
    }
    int concurrency = a.intValue("concurrency", 2, 64);
    if (concurrency % 2 != 0) {
      throw new UsageException("--concurrency must be even: it is split between two loads");
    }
    return new PgReplicasOptions(
        a.has("server-jar")
            ? Path.of(a.string("server-jar"))
            : CompareOptions.defaultServerJar(CompareOptions.toolDirectory()),
        url,
        a.string("region", "cn-hangzhou"),
        a.longValue("count", 2, 30_000),
        concurrency,
        a.intValue("rounds", 1, 2),
        a.duration("warmup", Duration.ofSeconds(5)),
        duration);
  }
}
