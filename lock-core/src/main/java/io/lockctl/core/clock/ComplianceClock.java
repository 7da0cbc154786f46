package io.lockctl.core.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The compliance clock of SPEC.md section 0: the system's UTC time, but never earlier than the
 * latest instant already used (the high-water mark). If the system clock steps back, time stands
 * still at the high-water mark until the system clock catches up, so no lock ever loosens because a
 * clock went backwards. The store persists {@link #highWater()} and feeds it back through {@link
 * #advanceTo(Instant)} when it opens, so the guarantee survives restarts.
 *
 * <p>Instants have millisecond precision, the precision lockctl stores.
 */
public final class ComplianceClock {
  private static final Logger LOG = Logger.getLogger(ComplianceClock.class.getName());

  private final Clock system;
  private final AtomicLong highWaterMillis = new AtomicLong(Long.MIN_VALUE);

  /** Set while the system clock is behind, so a step back is logged once, not on every read. */
  private final AtomicBoolean behind = new AtomicBoolean();

  public ComplianceClock(Clock system) {
    this.system = system;
  }

  /** The current compliance time; also raises the high-water mark to it. */
  public Instant now() {
    long systemMillis = system.millis();
    long used = highWaterMillis.accumulateAndGet(systemMillis, Math::max);
    if (used <= systemMillis) {
      behind.set(false);
    } else if (behind.compareAndSet(false, true)) {
      LOG.warning(
          () ->
              "system clock is "
                  + (used - systemMillis)
                  + " ms behind the compliance clock's high-water mark; holding time at "
                  + Instant.ofEpochMilli(used));
    }
    return Instant.ofEpochMilli(used);
  }

  /** Raises the high-water mark (never lowers it), e.g. to the value a store persisted. */
  public void advanceTo(Instant instant) {
    long millis = instant.truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
    highWaterMillis.accumulateAndGet(millis, Math::max);
  }

  /** The latest instant handed out so far, or {@link Instant#MIN} before the first. */
  public Instant highWater() {
    long millis = highWaterMillis.get();
    return millis == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochMilli(millis);
  }
}
