package io.lockctl.loadtest;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** What a seed run did; {@code failures} are by status code name, ALREADY_EXISTS not among them. */
record SeedResult(long created, long existing, Map<String, Long> failures, Duration elapsed) {

  SeedResult {
    failures = Map.copyOf(failures);
  }

  long failureCount() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  String text() {
    StringJoiner byCode = new StringJoiner(", ", " (", ")");
    failures.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> byCode.add(e.getKey() + "=" + e.getValue()));
    double seconds = elapsed.toNanos() / 1e9;
    return String.format(
        Locale.ROOT,
        "created %d, already existed %d, failed %d%s in %.2f s (%.0f registrations/s)",
        created,
        existing,
        failureCount(),
        failures.isEmpty() ? "" : byCode.toString(),
        seconds,
        (created + existing + failureCount()) / Math.max(seconds, 1e-9));
  }
}
