package io.lockctl.loadtest;

import java.time.Duration;
import java.util.Optional;

/**
 * One measured point of a compare run and the CPU it cost, per call (successful or not): the
 * server's (when compare started it, so knows its process) and the load generator's. On a shared
 * machine throughput drifts with what else runs, CPU per call much less, so it is the steadier
 * evidence of where a ratio comes from.
 *
 * @param serverCpu the server's CPU time over the window; negative when unknown
 * @param clientCpu this process's CPU time over the window
 */
record Point(BenchReport report, Duration serverCpu, Duration clientCpu) {

  static final Duration UNKNOWN = Duration.ofNanos(-1);

  Optional<Double> serverMicrosPerCall() {
    return serverCpu.isNegative() ? Optional.empty() : Optional.of(perCall(serverCpu));
  }

  double clientMicrosPerCall() {
    return perCall(clientCpu);
  }

  private double perCall(Duration cpu) {
    long calls = report.calls() + report.errorCount();
    return calls == 0 ? 0 : cpu.toNanos() / 1000.0 / calls;
  }
}
