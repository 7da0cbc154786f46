package io.lockctl.core.clock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * now() is on every call's path: on the real clocks it must stay well under a microsecond. It costs
 * about what reading the two clocks costs (tens to a couple of hundred nanoseconds, depending on
 * the machine's clock source); the bound leaves room for a slow one. Measured in this thread's CPU
 * time, so that other work on a shared machine does not count.
 */
class ComplianceClockCostTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void nowCostsWellUnderAMicrosecond() {
    ComplianceClock clock = ComplianceClock.system(ComplianceClock.DEFAULT_MAX_CLOCK_STEP);
    long sink = 0;
    for (int i = 0; i < 200_000; i++) {
      sink ^= clock.now().toEpochMilli();
    }
    int calls = 500_000;
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long start = cpuNanos();
      for (int i = 0; i < calls; i++) {
        sink ^= clock.now().toEpochMilli();
      }
      best = Math.min(best, (cpuNanos() - start) / calls);
    }
    assertTrue(sink != 1, "keeps the calls");
    assertTrue(best < 1_000, "now() took " + best + " ns");
  }

  private static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported()
        ? THREADS.getCurrentThreadCpuTime()
        : System.nanoTime();
  }
}
