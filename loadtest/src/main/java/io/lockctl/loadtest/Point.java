package io.lockctl.loadtest;

import io.grpc.Channel;
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

  /**
   * Runs {@code measured} on {@code channel} and counts the CPU time that {@code server} (null when
   * not known) and this process spend meanwhile; {@code warmup} is the run that preceded it, for
   * the report.
   */
  static Point measure(
      BenchOptions measured, Channel channel, ProcessHandle server, Duration warmup)
      throws InterruptedException {
    Duration serverBefore = cpu(server);
    Duration clientBefore = cpu(ProcessHandle.current());
    BenchReport report = Bench.run(measured, channel);
    Duration serverAfter = cpu(server);
    return new Point(
        report.withWarmup(warmup),
        serverAfter.isNegative() ? UNKNOWN : serverAfter.minus(serverBefore),
        cpu(ProcessHandle.current()).minus(clientBefore));
  }

  static Duration cpu(ProcessHandle process) {
    return process == null ? UNKNOWN : process.info().totalCpuDuration().orElse(UNKNOWN);
  }

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
