package io.lockctl.loadtest;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one bench run measured. Latencies are of successful calls only, in milliseconds; in an open
 * loop they count from the call's scheduled send time, so time spent behind a slow server is
 * included (no coordinated omission). Throughput is successful calls per second of the window.
 *
 * @param rate the target rate of an open loop; 0 for a closed loop
 * @param errors failed calls by status code name, in name order
 */
record BenchReport(
    String rpc,
    int concurrency,
    long rate,
    Duration warmup,
    Duration window,
    long calls,
    double p50Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    Map<String, Long> errors) {

  BenchReport {
    errors = Map.copyOf(errors);
  }

  /**
   * @param latenciesMicros the successful calls' latencies in microseconds
   */
  static BenchReport of(BenchOptions options, Histogram latenciesMicros, Map<String, Long> errors) {
    return new BenchReport(
        options.workload().rpcName(),
        options.concurrency(),
        options.rate(),
        options.warmup(),
        options.duration(),
        latenciesMicros.getTotalCount(),
        millis(latenciesMicros.getValueAtPercentile(50)),
        millis(latenciesMicros.getValueAtPercentile(99)),
        millis(latenciesMicros.getValueAtPercentile(99.9)),
        millis(latenciesMicros.getMaxValue()),
        errors);
  }

  /** The same figures, saying they followed {@code warmup} (run separately). */
  BenchReport withWarmup(Duration warmup) {
    return new BenchReport(
        rpc, concurrency, rate, warmup, window, calls, p50Ms, p99Ms, p999Ms, maxMs, errors);
  }

  double throughput() {
    return calls / (window.toNanos() / 1e9);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  String mode() {
    return rate > 0 ? "open" : "closed";
  }

  String text() {
    String loop =
        rate > 0
            ? String.format(
                Locale.ROOT, "open loop at %d calls/s (at most %d in flight)", rate, concurrency)
            : String.format(Locale.ROOT, "closed loop, %d in flight", concurrency);
    StringJoiner byCode = new StringJoiner(", ");
    new TreeMap<>(errors).forEach((code, n) -> byCode.add(code + "=" + n));
    return String.format(
        Locale.ROOT,
        "%s, %s, %.1f s measured after %.1f s warmup%n"
            + "  calls ok   : %d (%.1f calls/s)%n"
            + "  latency ms : p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n"
            + "  errors     : %d%s%n",
        rpc,
        loop,
        seconds(window),
        seconds(warmup),
        calls,
        throughput(),
        p50Ms,
        p99Ms,
        p999Ms,
        maxMs,
        errorCount(),
        errors.isEmpty() ? "" : " (" + byCode + ")");
  }

  /** The figures on one line, for a run of many points (compare). */
  String line() {
    String loop =
        rate > 0
            ? String.format(Locale.ROOT, "open %d/s", rate)
            : String.format(Locale.ROOT, "closed %d", concurrency);
    StringJoiner byCode = new StringJoiner(", ", " (", ")");
    new TreeMap<>(errors).forEach((code, n) -> byCode.add(code + "=" + n));
    return String.format(
        Locale.ROOT,
        "%-14s %9.1f calls/s  p50 %7.3f  p99 %7.3f  p99.9 %7.3f ms  errors %d%s",
        loop,
        throughput(),
        p50Ms,
        p99Ms,
        p999Ms,
        errorCount(),
        errors.isEmpty() ? "" : byCode.toString());
  }

  /**
   * One line of JSON; the keys are fixed, so the string is written by hand rather than with a
   * library.
   */
  String json() {
    StringJoiner byCode = new StringJoiner(",", "{", "}");
    new TreeMap<>(errors).forEach((code, n) -> byCode.add("\"" + code + "\":" + n));
    return String.format(
        Locale.ROOT,
        "{\"rpc\":\"%s\",\"mode\":\"%s\",\"concurrency\":%d,\"rate\":%d,\"warmup_s\":%.3f,\"duration_s\":%.3f,"
            + "\"calls\":%d,\"throughput_per_s\":%.1f,"
            + "\"latency_ms\":{\"p50\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f},"
            + "\"error_count\":%d,\"errors\":%s}",
        rpc,
        mode(),
        concurrency,
        rate,
        seconds(warmup),
        seconds(window),
        calls,
        throughput(),
        p50Ms,
        p99Ms,
        p999Ms,
        maxMs,
        errorCount(),
        byCode);
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
