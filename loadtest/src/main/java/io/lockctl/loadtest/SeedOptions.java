package io.lockctl.loadtest;

import io.lockctl.v1.SnapshotStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code seed --target HOST:PORT --region R --count N [--start K] [--concurrency C] [--status S]}.
 */
record SeedOptions(
    String target, String region, long count, long start, int concurrency, SnapshotStatus status) {

  static final String USAGE =
      "seed --target HOST:PORT --region R --count N [--start K] [--concurrency C] [--status ACCOMPLISHED|PROGRESSING|FAILED]";

  static SeedOptions parse(List<String> args) {
    Args a =
        Args.parse(
            args, Set.of("target", "region", "count", "start", "concurrency", "status"), Set.of());
    return new SeedOptions(
        a.string("target"),
        a.string("region"),
        a.longValue("count", 1),
        a.longValue("start", 0, 0),
        a.intValue("concurrency", 1, 64),
        status(a.string("status", "ACCOMPLISHED")));
  }

  private static SnapshotStatus status(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (SnapshotStatus s :
        List.of(
            SnapshotStatus.SNAPSHOT_STATUS_PROGRESSING,
            SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED,
            SnapshotStatus.SNAPSHOT_STATUS_FAILED)) {
      if (s.name().equals(upper) || s.name().equals("SNAPSHOT_STATUS_" + upper)) {
        return s;
      }
    }
    throw new UsageException(
        "--status must be ACCOMPLISHED, PROGRESSING or FAILED, was '" + name + "'");
  }
}
