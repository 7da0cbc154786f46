package io.lockctl.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code bench --target HOST:PORT --rpc NAME --region R [--ids N] [--start K] [--concurrency C]
 * [--duration 30s] [--warmup 5s] [--rate R] [--deadline 10s] [--json]}.
 *
 * @param ids how many seeded snapshots (numbers start..start+ids-1) the calls use; 0 for an RPC
 *     that names none
 * @param duration the measured window, which follows the warmup
 * @param rate calls per second for an open loop; 0 for a closed loop of {@code concurrency} calls
 * @param concurrency calls in flight: exactly, closed loop; at most, open loop
 */
record BenchOptions(
    String target,
    Workload workload,
    String region,
    long ids,
    long start,
    int concurrency,
    Duration duration,
    Duration warmup,
    long rate,
    Duration deadline,
    boolean json) {

  static final String USAGE =
      "bench --target HOST:PORT --rpc LockSnapshot|GetSnapshot|DescribeLockedSnapshots|EtcdPut"
          + " --region R [--ids N] [--start K] [--concurrency C] [--duration 30s] [--warmup 5s] [--rate CALLS_PER_SEC]"
          + " [--deadline 10s] [--json]";

  static BenchOptions parse(List<String> args) {
    Args a =
        Args.parse(
            args,
            Set.of(
                "target",
                "rpc",
                "region",
                "ids",
                "start",
                "concurrency",
                "duration",
                "warmup",
                "rate",
                "deadline"),
            Set.of("json"));
    Workload workload = Workload.named(a.string("rpc"));
    long ids = workload.needsIds() ? a.longValue("ids", 1) : a.longValue("ids", 0, 0);
    Duration duration = a.duration("duration", Duration.ofSeconds(30));
    if (duration.isZero()) {
      throw new UsageException("--duration must be more than 0");
    }
    Duration deadline = a.duration("deadline", Duration.ofSeconds(10));
    if (deadline.isZero()) {
      throw new UsageException("--deadline must be more than 0");
    }
    return new BenchOptions(
        a.string("target"),
        workload,
        a.string("region"),
        ids,
        a.longValue("start", 0, 0),
        a.intValue("concurrency", 1, 16),
        duration,
        a.duration("warmup", Duration.ofSeconds(5)),
        a.has("rate") ? a.longValue("rate", 1) : 0,
        deadline,
        a.flag("json"));
  }

  boolean openLoop() {
    return rate > 0;
  }
}
