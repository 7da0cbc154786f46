package io.lockctl.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code watch-bench --target H:P [--rate N] [--watchers W] [--duration D] [--warmup D] [--region
 * R]}: writes at a fixed rate while W streams watch, and measures how long each record takes to
 * reach each watcher.
 */
record WatchBenchOptions(
    String target, String region, long rate, int watchers, Duration duration, Duration warmup) {

  static final String USAGE =
      "watch-bench --target host:port [--rate 1000] [--watchers 10] [--duration 30s]"
          + " [--warmup 5s] [--region cn-hangzhou]";

  static WatchBenchOptions parse(List<String> args) {
    Args a =
        Args.parse(
            args, Set.of("target", "region", "rate", "watchers", "duration", "warmup"), Set.of());
    return new WatchBenchOptions(
        a.string("target"),
        a.string("region", "cn-hangzhou"),
        a.longValue("rate", 1, 1000),
        a.intValue("watchers", 1, 10),
        a.duration("duration", Duration.ofSeconds(30)),
        a.duration("warmup", Duration.ofSeconds(5)));
  }
}
