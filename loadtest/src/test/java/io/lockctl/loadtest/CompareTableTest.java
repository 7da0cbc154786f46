package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareTableTest {

  /** A 10 s point with {@code calls} successes, p99 {@code p99Ms}, and the given errors. */
  private static BenchReport point(long calls, long rate, double p99Ms, Map<String, Long> errors) {
    return new BenchReport(
        "LockSnapshot",
        64,
        rate,
        Duration.ofSeconds(4),
        Duration.ofSeconds(10),
        calls,
        p99Ms / 2,
        p99Ms,
        p99Ms * 2,
        p99Ms * 3,
        errors);
  }

  /**
   * CPU: the no-op's server 40 us a call, lockctl's 100 us; the load generator 50 us a call either
   * way.
   */
  private static RpcComparison row(
      long noopCalls, long lockctlCalls, double lockctlP99, Map<String, Long> errors) {
    BenchReport noopMax = point(noopCalls, 0, 3.0, Map.of());
    long rate = RpcComparison.halfOf(noopMax);
    return new RpcComparison(
        "LockSnapshot",
        0.8,
        List.of(
            new Round(
                new Point(
                    noopMax,
                    Duration.ofNanos(noopCalls * 40_000),
                    Duration.ofNanos(noopCalls * 50_000)),
                new Point(
                    point(lockctlCalls, 0, 20.0, Map.of()),
                    Point.UNKNOWN,
                    Duration.ofNanos(lockctlCalls * 50_000)))),
        rate,
        unmetered(point(rate * 10, rate, 1.25, Map.of())),
        unmetered(point(rate * 10, rate, lockctlP99, errors)));
  }

  private static Point unmetered(BenchReport report) {
    return new Point(report, Point.UNKNOWN, Duration.ZERO);
  }

  @Test
  void ratioIsLockctlOverTheCeilingOfTheSameRun() {
    RpcComparison r = row(200_000, 170_000, 4.0, Map.of());

    assertEquals(0.85, r.ratio(), 1e-9);
    assertTrue(r.throughputMet());
    assertTrue(r.latencyMet());
  }

  @Test
  void theOpenLoopRunsAtHalfTheCeilingRounded() {
    assertEquals(10_000, RpcComparison.halfOf(point(200_000, 0, 1, Map.of())));
    assertEquals(10_000, RpcComparison.halfOf(row(200_000, 1, 1, Map.of()).noopMax().report()));
    assertEquals(2, RpcComparison.halfOf(point(35, 0, 1, Map.of()))); // 3.5 calls/s -> 1.75 -> 2
    assertEquals(1, RpcComparison.halfOf(point(0, 0, 1, Map.of())));
  }

  @Test
  void targetsAreTheIssuesFigures() {
    assertEquals(0.8, RpcComparison.throughputTarget(Workload.LOCK_SNAPSHOT));
    assertEquals(0.9, RpcComparison.throughputTarget(Workload.GET_SNAPSHOT));
    assertEquals(0.9, RpcComparison.throughputTarget(Workload.DESCRIBE_LOCKED_SNAPSHOTS));
  }

  @Test
  void belowTargetOrSlowOrFailingIsMissed() {
    assertFalse(row(200_000, 150_000, 4.0, Map.of()).throughputMet()); // 0.75
    assertFalse(row(200_000, 170_000, 10.5, Map.of()).latencyMet());
    assertTrue(row(200_000, 170_000, 10.0, Map.of()).latencyMet()); // "at or under"
    // a fast p99 of the calls that made it says nothing when others were not even sent
    assertFalse(row(200_000, 170_000, 1.0, Map.of(Bench.NOT_SENT, 5L)).latencyMet());
  }

  @Test
  void aCeilingThatServedNothingGivesRatioZero() {
    assertEquals(0.0, row(0, 100, 1.0, Map.of()).ratio());
  }

  @Test
  void theMedianRoundGivesTheRatioAndTheMaximaAndEveryRoundIsShown() {
    Round slow = round(200_000, 100_000); // 0.50
    Round median = round(180_000, 126_000); // 0.70
    Round fast = round(150_000, 135_000); // 0.90
    RpcComparison row =
        new RpcComparison(
            "GetSnapshot",
            0.9,
            List.of(fast, slow, median),
            9_000,
            unmetered(point(90_000, 9_000, 1.0, Map.of())),
            unmetered(point(90_000, 9_000, 2.0, Map.of())));

    assertEquals(median, row.medianRound());
    assertEquals(0.70, row.ratio(), 1e-9);
    assertEquals(18_000, row.noopMax().report().throughput(), 1e-9);
    assertTrue(
        CompareTable.markdown(List.of(row))
            .contains(
                "| GetSnapshot | 18000 | 12600 | 0.70 (target 0.9: MISSED) rounds 0.90 / 0.50 / 0.70 | n/a | 9000 |"));
    // with two rounds, the lower of the middle two
    assertEquals(slow, Round.median(List.of(fast, slow)));
  }

  private static Round round(long noopCalls, long lockctlCalls) {
    return new Round(
        unmetered(point(noopCalls, 0, 1.0, Map.of())),
        unmetered(point(lockctlCalls, 0, 1.0, Map.of())));
  }

  @Test
  void theCpuRatioIsTheCeilingsCostPerCallOverLockctlsGeneratorIncluded() {
    // no-op: 40 us server + 50 us generator; lockctl: 100 us + 50 us
    Point noop =
        new Point(point(200_000, 0, 1, Map.of()), Duration.ofSeconds(8), Duration.ofSeconds(10));
    Point lockctl =
        new Point(point(100_000, 0, 1, Map.of()), Duration.ofSeconds(10), Duration.ofSeconds(5));
    RpcComparison row =
        new RpcComparison(
            "GetSnapshot",
            0.9,
            List.of(new Round(noop, lockctl)),
            10_000,
            unmetered(point(100_000, 10_000, 1.0, Map.of())),
            unmetered(point(100_000, 10_000, 2.0, Map.of())));

    assertEquals(90.0 / 150.0, row.cpuRatio().orElseThrow(), 1e-9);
    assertTrue(
        CompareTable.markdown(List.of(row)).contains("| 0.50 (target 0.9: MISSED) | 0.60 |"));
    assertTrue(row(200_000, 170_000, 4.0, Map.of()).cpuRatio().isEmpty()); // lockctl's CPU unknown
  }

  @Test
  void cpuPerCallCountsFailedCallsTooAndIsUnknownForAServerNotStartedByCompare() {
    Point point =
        new Point(
            point(900, 0, 1, Map.of("UNAVAILABLE", 100L)),
            Duration.ofMillis(50),
            Duration.ofMillis(20));

    assertEquals(50.0, point.serverMicrosPerCall().orElseThrow(), 1e-9);
    assertEquals(20.0, point.clientMicrosPerCall(), 1e-9);
    assertTrue(unmetered(point(900, 0, 1, Map.of())).serverMicrosPerCall().isEmpty());
  }

  @Test
  void markdownTableWithVerdictsAndErrorsByCode() {
    String table =
        CompareTable.markdown(
            List.of(
                row(200_000, 170_000, 4.0, Map.of()),
                row(200_000, 150_000, 12.345, Map.of("UNAVAILABLE", 2L, "DEADLINE_EXCEEDED", 1L))));

    assertEquals(
        String.join(
            "\n",
            "| RPC | no-op max (calls/s) | lockctl max (calls/s) | ratio | ratio from CPU per call "
                + "| open-loop rate (calls/s) | no-op p99 (ms) "
                + "| lockctl p99 (ms) | lockctl errors | server CPU us/call, no-op / lockctl "
                + "| load generator CPU us/call, no-op / lockctl |",
            "|---|---:|---:|---|---:|---:|---:|---|---|---:|---:|",
            "| LockSnapshot | 20000 | 17000 | 0.85 (target 0.8: met) | n/a | 10000 | 1.25 | 4.00 (target 10: met) | none "
                + "| 40 / n/a | 50 / 50 |",
            "| LockSnapshot | 20000 | 15000 | 0.75 (target 0.8: MISSED) | n/a | 10000 | 1.25 | 12.35 (target 10: MISSED) "
                + "| DEADLINE_EXCEEDED=1, UNAVAILABLE=2 | 40 / n/a | 50 / 50 |",
            ""),
        table.replace(System.lineSeparator(), "\n"));
  }
}
