package io.lockctl.core.clock;

import io.lockctl.core.clock.ComplianceClock.State;

/**
 * One stretch of compliance time between two decisions of the {@link ComplianceClock}, as a pure
 * value: given a monotonic reading and a wall-clock reading it says what the compliance time is, or
 * that a decision is due, and the decisions make the next stretch. The clock around it does the
 * reading, the publishing and the logging.
 *
 * <p>All times are nanoseconds: {@code tick} on the monotonic ticker, {@code base} and wall
 * readings since the epoch. Within a stretch the compliance time is:
 *
 * <ul>
 *   <li>{@link State#IN_SYNC}: the wall clock, while it stays within {@link #TOLERANCE} of {@code
 *       base} plus the real time elapsed since {@code tick} (forwards, also within the credit);
 *   <li>{@link State#SLEWING}: {@code base} plus the real time elapsed times 1.01, until that
 *       reaches the wall clock;
 *   <li>{@link State#HOLDING_BACK}: {@code base} plus the real time elapsed times 0.99, until the
 *       wall clock reaches that.
 * </ul>
 *
 * <p>{@code credit} is how far the compliance clock may still run ahead of real time at once: a
 * forward step of the wall clock no larger than it is followed and uses it up. It refills by 1% of
 * the real time elapsed, up to the maximum step, except while slewing, which spends that 1% itself.
 * So over any stretch of real time T the compliance clock gains at most T + T/100 plus the maximum
 * step, however the wall clock moves.
 *
 * @param announced whether a warning was logged when this stretch began, so its end is logged too
 */
record Segment(State state, long tick, long base, long credit, boolean announced) {
  /** What {@link #valueAt} answers when a decision is due. */
  static final long UNDECIDED = Long.MIN_VALUE;

  /**
   * How far the wall clock may wander from real time before it counts as a step: the jitter of
   * reading two clocks one after the other, and a millisecond wall clock's granularity.
   */
  static final long TOLERANCE = 1_000_000L;

  /** Slewing runs 1/SLEW faster than real time, holding back 1/SLEW slower. */
  static final long SLEW = 100;

  /** Bounds elapsed time so that the arithmetic below cannot overflow (about 73 years). */
  private static final long MAX_ELAPSED = 1L << 61;

  /** The first stretch: compliance time {@code compliance} at {@code tick}, with full credit. */
  static Segment start(long tick, long compliance, long maxStep) {
    return new Segment(State.IN_SYNC, tick, compliance, maxStep, false);
  }

  /** The compliance time at ({@code tick}, {@code wall}), or {@link #UNDECIDED}. */
  long valueAt(long tick, long wall, long maxStep) {
    long elapsed = elapsed(tick);
    return switch (state) {
      case IN_SYNC -> {
        long drift = wall - (base + elapsed);
        yield drift >= -TOLERANCE && drift <= Math.min(TOLERANCE, creditAt(elapsed, maxStep))
            ? wall
            : UNDECIDED;
      }
      case SLEWING -> {
        long slewed = base + elapsed + elapsed / SLEW;
        yield slewed < wall ? slewed : UNDECIDED;
      }
      case HOLDING_BACK -> {
        long held = base + elapsed - elapsed / SLEW;
        yield held > wall ? held : UNDECIDED;
      }
    };
  }

  /**
   * The stretch that holds at ({@code tick}, {@code wall}): this one if no decision is due there,
   * else the next. {@code floor} is the latest compliance time already handed out.
   */
  Segment at(long tick, long wall, long floor, long maxStep) {
    return valueAt(tick, wall, maxStep) != UNDECIDED ? this : next(tick, wall, floor, maxStep);
  }

  /**
   * The stretch after this one, when {@link #valueAt} is {@link #UNDECIDED}: where the compliance
   * clock got to (never below {@code floor}), and what to do about the wall clock from there.
   */
  private Segment next(long tick, long wall, long floor, long maxStep) {
    long elapsed = elapsed(tick);
    long credit = creditAt(elapsed, maxStep);
    long reached =
        switch (state) {
          case IN_SYNC -> base + elapsed;
          case SLEWING -> wall; // caught up (or the wall clock stepped back below the slew)
          case HOLDING_BACK -> base + elapsed - elapsed / SLEW; // the wall clock caught up
        };
    long current = Math.max(reached, floor);
    if (state == State.IN_SYNC) {
      // Times handed out within the tolerance ahead of real time were not charged yet.
      credit = Math.max(0, credit - (current - reached));
    }
    return settle(latest(tick), wall, current, credit, this);
  }

  /**
   * This stretch raised to {@code compliance}, a time another replica's clock already vetted: it is
   * followed at once, and only the rest of the way to the wall clock is this clock's own step.
   */
  Segment raisedTo(long tick, long wall, long compliance, long floor, long maxStep) {
    Segment now = at(tick, wall, floor, maxStep);
    if (compliance <= now.valueAt(tick, wall, maxStep)) {
      return now;
    }
    long credit = now.creditAt(now.elapsed(tick), maxStep);
    return settle(now.latest(tick), wall, compliance, credit, now);
  }

  /** This stretch jumped to the wall clock, if it is ahead: an operator accepted it. */
  Segment acceptedAt(long tick, long wall, long floor, long maxStep) {
    Segment now = at(tick, wall, floor, maxStep);
    long current = Math.max(now.valueAt(tick, wall, maxStep), floor);
    if (wall <= current) {
      return now;
    }
    return new Segment(
        State.IN_SYNC, now.latest(tick), wall, now.creditAt(now.elapsed(tick), maxStep), false);
  }

  /**
   * The stretch that starts at compliance time {@code current}, with the wall clock at {@code
   * wall}: in sync if the wall clock is within the tolerance behind, or ahead by no more than the
   * credit; else holding back or slewing. A stretch that continues {@code previous}'s state keeps
   * its announcement.
   */
  private static Segment settle(long tick, long wall, long current, long credit, Segment previous) {
    long lag = wall - current;
    if (lag >= -TOLERANCE && lag <= Math.max(0, credit)) {
      return new Segment(State.IN_SYNC, tick, wall, credit - Math.max(0, lag), false);
    }
    State state = lag < 0 ? State.HOLDING_BACK : State.SLEWING;
    boolean announced =
        (previous.state == state && previous.announced) || Math.abs(lag) > ComplianceClock.NOTICE;
    return new Segment(state, tick, current, credit, announced);
  }

  /** The credit {@code elapsed} after this stretch began. */
  long creditAt(long elapsed, long maxStep) {
    if (state == State.SLEWING) {
      return credit;
    }
    long refill = elapsed / SLEW;
    return credit >= maxStep - refill ? maxStep : credit + refill;
  }

  /** Real time since this stretch began; never negative, even if {@code tick} went back. */
  long elapsed(long tick) {
    long elapsed = tick - this.tick;
    return elapsed > 0 ? Math.min(elapsed, MAX_ELAPSED) : 0;
  }

  private long latest(long tick) {
    return tick - this.tick > 0 ? tick : this.tick;
  }
}
