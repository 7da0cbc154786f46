package io.lockctl.loadtest;

/**
 * One RPC measured against the no-op server and lockctl in the same run: the maximum throughput
 * of each (closed loop), and the latency of each at half the no-op's maximum (open loop).
 *
 * @param throughputTarget the least lockctl/no-op throughput ratio the RPC should reach
 * @param rate the open loop's calls per second: {@link #halfOf} the no-op's maximum
 */
record RpcComparison(
    String rpc,
    double throughputTarget,
    Point noopMax,
    Point lockctlMax,
    long rate,
    Point noopAtRate,
    Point lockctlAtRate) {

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

  /** lockctl's maximum throughput over the no-op's; 0 when the no-op served nothing. */
  double ratio() {
    double ceiling = noopMax.report().throughput();
    return ceiling > 0 ? lockctlMax.report().throughput() / ceiling : 0;
  }

  boolean throughputMet() {
    return lockctlMax.report().errorCount() == 0 && ratio() >= throughputTarget;
  }

  /** p99 of successful calls is only meaningful when every call succeeded (and was sent). */
  boolean latencyMet() {
    BenchReport r = lockctlAtRate.report();
    return r.errorCount() == 0 && r.calls() > 0 && r.p99Ms() <= P99_TARGET_MS;
  }

  long lockctlErrors() {
    return lockctlMax.report().errorCount() + lockctlAtRate.report().errorCount();
  }
}
