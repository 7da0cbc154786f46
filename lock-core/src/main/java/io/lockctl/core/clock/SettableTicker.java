package io.lockctl.core.clock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when told to, and only forwards, as a monotonic clock does.
 * Tests pair it with a {@link SettableClock}: advancing both is real time passing, moving only the
 * {@link SettableClock} is someone setting the wall clock.
 */
public final class SettableTicker implements Ticker {
  private final AtomicLong nanos;

  public SettableTicker(long startNanos) {
    this.nanos = new AtomicLong(startNanos);
  }

  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a monotonic clock never goes back: " + duration);
    }
    nanos.addAndGet(duration.toNanos());
  }

  @Override
  public long read() {
    return nanos.get();
  }
}
