package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static BenchReport report(String... extra) {
    BenchOptions options =
        BenchOptions.parse(
            concat(
                List.of(
                    "--target",
                    "h:1",
                    "--rpc",
                    "LockSnapshot",
                    "--region",
                    "r1",
                    "--ids",
                    "10",
                    "--duration",
                    "10s"),
                extra));
    Histogram micros = new Histogram(3);
    for (int i = 1; i <= 1000; i++) {
      micros.recordValue(i * 1000L); // 1 ms .. 1000 ms
    }
    return BenchReport.of(options, micros, Map.of("UNAVAILABLE", 3L, "DEADLINE_EXCEEDED", 1L));
  }

  @Test
  void percentilesThroughputAndErrors() {
    BenchReport r = report();

    assertEquals(1000, r.calls());
    assertEquals(100.0, r.throughput(), 1e-9);
    assertEquals(500.0, r.p50Ms(), 1.0);
    assertEquals(990.0, r.p99Ms(), 1.0);
    assertEquals(999.0, r.p999Ms(), 1.0);
    assertEquals(1000.0, r.maxMs(), 1.0);
    assertEquals(4, r.errorCount());
  }

  @Test
  void jsonIsOneLineWithFixedKeys() {
    String json = report("--rate", "200", "--concurrency", "32").json();

    assertEquals(-1, json.indexOf('\n'));
    assertTrue(
        json.startsWith(
            "{\"rpc\":\"LockSnapshot\",\"mode\":\"open\",\"concurrency\":32,\"rate\":200,"
                + "\"warmup_s\":5.000,\"duration_s\":10.000,\"calls\":1000,\"throughput_per_s\":100.0,\"latency_ms\":{\"p50\":"),
        json);
    assertTrue(
        json.endsWith(",\"error_count\":4,\"errors\":{\"DEADLINE_EXCEEDED\":1,\"UNAVAILABLE\":3}}"),
        json);
  }

  @Test
  void textNamesTheLoopAndTheErrorsByCode() {
    String text = report().text();

    assertTrue(
        text.startsWith(
            "LockSnapshot, closed loop, 16 in flight, 10.0 s measured after 5.0 s warmup"),
        text);
    assertTrue(text.contains("calls ok   : 1000 (100.0 calls/s)"), text);
    assertTrue(text.contains("errors     : 4 (DEADLINE_EXCEEDED=1, UNAVAILABLE=3)"), text);
  }

  @Test
  void seedSummary() {
    SeedResult r = new SeedResult(70, 30, Map.of("UNAVAILABLE", 2L), Duration.ofSeconds(2));

    assertEquals(
        "created 70, already existed 30, failed 2 (UNAVAILABLE=2) in 2.00 s (51 registrations/s)",
        r.text());
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }
}
