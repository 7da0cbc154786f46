package io.lockctl.core.clock;

/**
 * A monotonic source of elapsed time, in nanoseconds from an arbitrary origin. Unlike the wall
 * clock, nobody can set it: it is how the {@link ComplianceClock} measures real time passing.
 */
@FunctionalInterface
public interface Ticker {
  /** Nanoseconds since an arbitrary origin, fixed for the life of the process; never decreases. */
  long read();

  /** {@link System#nanoTime()}: the operating system's monotonic clock. */
  static Ticker system() {
    return System::nanoTime;
  }
}
