package io.lockctl.core.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} that moves only when told to, forwards or backwards. Tests and simulations use it
 * as the system clock under a {@link ComplianceClock} to move time by days without sleeping.
 */
public final class SettableClock extends Clock {
  private volatile Instant instant;

  public SettableClock(Instant start) {
    this.instant = start;
  }

  public void set(Instant newInstant) {
    this.instant = newInstant;
  }

  public void advance(Duration duration) {
    this.instant = instant.plus(duration);
  }

  @Override
  public Instant instant() {
    return instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("lockctl time is UTC");
  }
}
