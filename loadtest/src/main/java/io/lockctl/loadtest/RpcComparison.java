package io.lockctl.loadtest;

import java.util.List;
import java.util.Optional;

/**
 * One RPC measured against the no-op server and lockctl in the same run: the maximum throughput of
 * each (closed loop, in one or more rounds), and the latency of each at half the no-op's maximum
 * (open loop).
 *
 * @param throughputTarget the least lockctl/no-op throughput ratio the RPC should reach
 * @param rounds the closed-loop rounds, in the order they ran
 * @param rate the open loop's calls per second: {@link #halfOf} the no-op's maximum
 */
record RpcComparison(
    String rpc,
    double throughputTarget,
    List<Round> rounds,
    long rate,
    Point noopAtRate,
    Point lockctlAtRate) {

  RpcComparison {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one round");
    }
    rounds = List.copyOf(rounds);
  }

  /** p99 at half the ceiling's rate, in milliseconds, that lockctl should stay at or under. */
  static final double P99_TARGET_MS = 10.0;

  /** The targets of issue 5: writes pay for durability, reads should cost almost nothing more. */
  static double throughputTarget(Workload workload) {
    return workload == Workload.LOCK_SNAPSHOT ? 0.8 : 0.9;
  }

  /** Half of {@code ceiling}'s throughput, in whole calls per second (at least 1). */
  static long halfOf(BenchReport ceiling) {
    return Math.max(1, Math.round(ceiling.throughput() / 2));
  }

  /** The round the figures are taken from: {@link Round#median}. */
  Round medianRound() {
    return Round.median(rounds);
  }

  /** The median round's ratio of lockctl's maximum throughput to the no-op's. */
  double ratio() {
    return medianRound().ratio();
  }

  Point noopMax() {
    return medianRound().noopMax();
  }

  Point lockctlMax() {
    return medianRound().lockctlMax();
  }

  /**
   * The throughput ratio the CPU cost per call predicts, from the median round: (no-op server +
   * load generator) over (lockctl + load generator), CPU time per call. When both servers and the
   * generator share the machine's cores and use them all, throughput is inversely proportional to
   * that cost, and CPU time per call moves much less than throughput with what else the machine
   * runs. Empty when lockctl's or the no-op's CPU is unknown (a server compare did not start).
   */
  Optional<Double> cpuRatio() {
    Point noop = noopMax();
    Point lockctl = lockctlMax();
    return noop.serverMicrosPerCall()
        .flatMap(
            noopServer ->
                lockctl
                    .serverMicrosPerCall()
                    .map(
                        lockctlServer ->
                            (noopServer + noop.clientMicrosPerCall())
                                / (lockctlServer + lockctl.clientMicrosPerCall())));
  }

  boolean throughputMet() {
    return lockctlMax().report().errorCount() == 0 && ratio() >= throughputTarget;
  }

  /** p99 of successful calls is only meaningful when every call succeeded (and was sent). */
  boolean latencyMet() {
    BenchReport r = lockctlAtRate.report();
    return r.errorCount() == 0 && r.calls() > 0 && r.p99Ms() <= P99_TARGET_MS;
  }

  long lockctlErrors() {
    return lockctlMax().report().errorCount() + lockctlAtRate.report().errorCount();
  }
}
