package io.lockctl.core.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The time every lock rule is evaluated at. It is the system's UTC time when nothing is wrong, but
 * it trusts neither direction of a change to the system clock, so that setting the clock (NTP, an
 * operator, a restored VM) cannot loosen a lock: the model is NetApp SnapLock's ComplianceClock.
 *
 * <p><b>Forward.</b> Once running, the clock measures real time with a monotonic {@link Ticker}
 * ({@link System#nanoTime()}), which nobody can set. It follows the wall clock forward at once only
 * for a step of at most the <em>maximum clock step</em> ({@code --max-clock-step}, default one
 * hour): the slack for a suspended VM, an NTP correction, a short restart. That allowance is a
 * budget, not a per-step limit: a step uses it up, and it refills by 1% of real time, so a series
 * of small steps gains no more than one large one. A larger jump is followed at a bounded
 * <em>slew</em>: the clock runs 1% faster than real time until it has caught up (a 10 hour jump
 * takes about 1000 hours), unless an operator accepts the wall clock with {@link #acceptJump()}.
 * Whatever the wall clock does, over any stretch T of real time the clock advances by at most T +
 * T/100 plus the maximum step; only {@link #acceptJump()}, a restart (which starts a fresh budget)
 * and another replica's mark add to that.
 *
 * <p><b>Backward.</b> If the wall clock steps back, the clock does not follow: it keeps counting
 * real time from where it was, 1% slow, until the wall clock has caught up with it (an hour's step
 * back takes about 100 hours to absorb). Locks therefore keep expiring on real-time schedule, at
 * most 1% late, rather than freezing until the wall clock comes back, and the clock converges to
 * the wall clock again instead of staying ahead of it for good.
 *
 * <p><b>Restarts.</b> The store persists {@link #highWater()} and feeds it back through {@link
 * #advanceTo(Instant)} when it opens, before the first {@link #now()}; the clock resumes from that
 * mark. The downtime cannot be measured, so it is treated as a forward step of the wall clock: a
 * short outage (up to the maximum step) is followed at once; after a longer one the clock slews
 * from the mark until the operator accepts the wall clock or it catches up. A wall clock found
 * behind the mark is a step back. An outage never counts for more than the wall clock shows, and a
 * long one for much less at first: locks last longer, never shorter. (A {@link #now()} before that
 * first {@link #advanceTo(Instant)} would start from the wall clock instead; {@link #state()} and
 * {@link #lag()} do not start the clock.)
 *
 * <p><b>Replicas.</b> On a shared database the stores also pass in, through {@link
 * #advanceTo(Instant)}, the marks other replicas persisted. Those are compliance times another
 * clock already vetted, so they are followed at once, however far ahead.
 *
 * <p>{@link #now()} never returns an instant earlier than one it returned before or than an {@link
 * #advanceTo(Instant)}, across threads. It is lock-free, and costs two clock reads and a few
 * arithmetic operations when nothing changes. Instants have millisecond precision, the precision
 * lockctl stores.
 */
public final class ComplianceClock {
  /** How the compliance clock stands to the wall clock. */
  public enum State {
    /** It is the wall clock. */
    IN_SYNC,
    /** The wall clock is ahead by more than it may follow at once; running 1% fast to catch up. */
    SLEWING,
    /** The wall clock is behind; counting real time, 1% slow, until the wall clock catches up. */
    HOLDING_BACK
  }

  public static final Duration DEFAULT_MAX_CLOCK_STEP = Duration.ofHours(1);

  /** Departures from the wall clock smaller than this are not worth a warning. */
  static final long NOTICE = 1_000_000_000L;

  private static final Logger LOG = Logger.getLogger(ComplianceClock.class.getName());
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Wall-clock readings are clamped to this (about the years 1824 to 2116), so sums never wrap. */
  private static final long MAX_WALL = 1L << 62;

  /** A decision is taken on readings of the two clocks at most this far apart. */
  private static final long MAX_READ_SKEW = 100_000L;

  private final Clock wall;
  private final Ticker ticker; // null: real time is the wall clock's progress past the high water
  private final long maxStep;
  private final AtomicReference<Segment> segment = new AtomicReference<>();
  private final AtomicLong highWaterMillis = new AtomicLong(Long.MIN_VALUE);

  /**
   * A clock that resists steps of {@code wall}: it measures real time with {@code ticker} and
   * follows {@code wall} forward at once by at most {@code maxClockStep}.
   */
  public ComplianceClock(Clock wall, Ticker ticker, Duration maxClockStep) {
    this(wall, Objects.requireNonNull(ticker, "ticker"), saturatedNanos(maxClockStep));
  }

  /**
   * A clock that takes every forward step of {@code wall} as elapsed time, and holds at the
   * high-water mark while {@code wall} is behind it. It has no other measure of real time, so it
   * resists steps back but not forward: for tests and tools that move time with a {@link
   * SettableClock}. Production uses {@link #system(Duration)}.
   */
  public ComplianceClock(Clock wall) {
    this(wall, null, Long.MAX_VALUE);
  }

  private ComplianceClock(Clock wall, Ticker ticker, long maxStep) {
    if (maxStep < 0) {
      throw new IllegalArgumentException("the maximum clock step must not be negative");
    }
    this.wall = Objects.requireNonNull(wall, "wall");
    this.ticker = ticker;
    this.maxStep = maxStep;
  }

  /** The production clock: the system's UTC clock, measured against {@link System#nanoTime()}. */
  public static ComplianceClock system(Duration maxClockStep) {
    return new ComplianceClock(Clock.systemUTC(), Ticker.system(), maxClockStep);
  }

  /** The current compliance time; also raises the high-water mark to it. */
  public Instant now() {
    return Instant.ofEpochMilli(raiseHighWater(millis(compliance())));
  }

  /**
   * Raises the compliance clock to {@code instant} if it is behind it (never lowers it): the mark a
   * store persisted, read back when it opens or written by another replica. Followed at once.
   */
  public void advanceTo(Instant instant) {
    long millis = millis(clampedNanos(instant));
    if (millis <= highWaterMillis.get()) {
      return; // already handed out, so the clock is there (the common case: our own mark)
    }
    raiseHighWater(millis);
    long target = millis * NANOS_PER_MILLI;
    publish(
        true,
        (current, tick, wallNanos) ->
            current == null
                ? Segment.start(tick, target, maxStep)
                : current.raisedTo(tick, wallNanos, target, floor(), maxStep));
  }

  /** The latest instant handed out so far, or {@link Instant#MIN} before the first. */
  public Instant highWater() {
    long millis = highWaterMillis.get();
    return millis == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochMilli(millis);
  }

  /**
   * Jumps the compliance clock to the wall clock at once, if the wall clock is ahead: an operator's
   * explicit acceptance of the wall clock, to end a slew. It never moves the clock back: if the
   * wall clock is behind, nothing changes (see {@link ClockAcceptance#moved()}).
   */
  public ClockAcceptance acceptJump() {
    Reading before = publish(true, this::holding);
    long from = Math.max(millis(before.value()), highWaterMillis.get());
    Reading after =
        publish(
            true,
            (current, tick, wallNanos) ->
                holding(current, tick, wallNanos).acceptedAt(tick, wallNanos, floor(), maxStep));
    long wallMillis = millis(after.wall());
    long to = raiseHighWater(Math.max(from, wallMillis));
    ClockAcceptance acceptance =
        new ClockAcceptance(
            Instant.ofEpochMilli(from),
            Instant.ofEpochMilli(to),
            Instant.ofEpochMilli(wallMillis),
            before.segment().state());
    if (acceptance.moved()) {
      LOG.warning(
          () ->
              "the wall clock was accepted: the compliance clock jumped "
                  + describe(acceptance.jump().toNanos())
                  + " from "
                  + acceptance.from()
                  + " to "
                  + acceptance.to());
    } else {
      LOG.info(
          () ->
              "the wall clock was accepted, but it is not ahead of the compliance clock ("
                  + acceptance.from()
                  + "); nothing changed");
    }
    return acceptance;
  }

  /** The wall clock's reading: the system's idea of UTC, which the compliance clock checks. */
  public Instant wallTime() {
    return wall.instant();
  }

  /** How the compliance clock stands to the wall clock now. */
  public State state() {
    Reading reading = publish(false, this::holding);
    return reading == null ? State.IN_SYNC : reading.segment().state();
  }

  /**
   * How far the compliance clock is behind the wall clock (zero when it is not): while slewing,
   * what remains to catch up. For metrics.
   */
  public Duration lag() {
    Reading reading = publish(false, this::holding);
    if (reading == null) {
      return Duration.ZERO;
    }
    long compliance = Math.max(millis(reading.value()), highWaterMillis.get());
    return Duration.ofMillis(Math.max(0, millis(reading.wall()) - compliance));
  }

  /** The compliance time in nanoseconds, not yet floored at the high-water mark. */
  private long compliance() {
    Segment current = segment.get();
    long wallNanos = wallNanos();
    long tick = tick(wallNanos);
    if (current != null) {
      long value = current.valueAt(tick, wallNanos, maxStep);
      if (value != Segment.UNDECIDED) {
        return value; // the fast path: nothing to decide
      }
    }
    return publish(true, this::holding).value();
  }

  /** Computes the next segment from {@code current} and both clocks' readings. */
  @FunctionalInterface
  private interface Step {
    Segment next(Segment current, long tick, long wallNanos);
  }

  /** A segment with the readings it was decided on. */
  private record Reading(Segment segment, long tick, long wall, long maxStep) {
    long value() {
      return segment.valueAt(tick, wall, maxStep);
    }
  }

  /**
   * Publishes {@code step}'s segment, on fresh readings if another thread published first, and logs
   * what changed. Null if nothing has started and {@code start} is false.
   */
  private Reading publish(boolean start, Step step) {
    int attempts = 0;
    while (true) {
      Segment current = segment.get();
      if (current == null && !start) {
        return null;
      }
      long before = ticker == null ? 0 : ticker.read();
      long wallNanos = wallNanos();
      long tick = tick(wallNanos);
      if (ticker != null && tick - before > MAX_READ_SKEW && ++attempts < 3) {
        continue; // paused between the reads (a GC, a preemption): the two would disagree
      }
      Segment next = step.next(current, tick, wallNanos);
      boolean unchanged = next.equals(current);
      if (unchanged || segment.compareAndSet(current, next)) {
        if (!unchanged) {
          report(current, next, tick, wallNanos);
        }
        return new Reading(next, tick, wallNanos, maxStep);
      }
    }
  }

  /** The segment that holds at ({@code tick}, {@code wallNanos}), starting one if there is none. */
  private Segment holding(Segment current, long tick, long wallNanos) {
    return current == null
        ? Segment.start(tick, wallNanos, maxStep)
        : current.at(tick, wallNanos, floor(), maxStep);
  }

  /** The monotonic reading; without a ticker, the wall clock's progress past the high water. */
  private long tick(long wallNanos) {
    return ticker == null ? Math.max(wallNanos, floor()) : ticker.read();
  }

  private long wallNanos() {
    return clampedNanos(wall.instant());
  }

  private long floor() {
    long millis = highWaterMillis.get();
    return millis == Long.MIN_VALUE ? Long.MIN_VALUE : millis * NANOS_PER_MILLI;
  }

  /** Raises the high-water mark to {@code millis}; returns the mark, which may be later. */
  private long raiseHighWater(long millis) {
    long mark = highWaterMillis.get();
    while (millis > mark) {
      if (highWaterMillis.compareAndSet(mark, millis)) {
        return millis;
      }
      mark = highWaterMillis.get();
    }
    return mark;
  }

  /** Logs what an operator should know about, once: by the thread whose decision it was. */
  private void report(Segment previous, Segment next, long tick, long wallNanos) {
    State before = previous == null ? State.IN_SYNC : previous.state();
    Instant wallTime = Instant.ofEpochMilli(millis(wallNanos));
    if (before == next.state()) {
      if (before == State.IN_SYNC && previous != null && ticker != null) {
        long step = wallNanos - (previous.base() + previous.elapsed(tick));
        if (step > NOTICE) {
          LOG.info(
              () ->
                  "followed a forward step of the wall clock of "
                      + describe(step)
                      + " at once, to "
                      + wallTime
                      + " ("
                      + describe(next.credit())
                      + " of the --max-clock-step allowance left)");
        }
      }
      return;
    }
    if (previous != null && previous.announced()) {
      if (before == State.SLEWING) {
        LOG.warning(() -> "the compliance clock caught up with the wall clock at " + wallTime);
      } else {
        LOG.log(
            ticker == null ? Level.FINE : Level.INFO,
            () -> "the wall clock caught up with the compliance clock at " + wallTime);
      }
    }
    if (!next.announced()) {
      return;
    }
    long apart = Math.abs(wallNanos - next.base());
    Instant from = Instant.ofEpochMilli(millis(next.base()));
    if (next.state() == State.SLEWING) {
      LOG.warning(
          () ->
              "the wall clock is "
                  + describe(apart)
                  + " ahead of the compliance clock, more than it may follow at once"
                  + " (--max-clock-step "
                  + describe(maxStep)
                  + ", "
                  + describe(next.credit())
                  + " of it left); the compliance clock runs 1% fast from "
                  + from
                  + " and catches up in about "
                  + describe(catchUp(apart))
                  + ", or at once if an operator accepts the wall clock (AcceptClock);"
                  + " until then locks last longer, never shorter");
    } else {
      LOG.warning(
          () ->
              "the wall clock is "
                  + describe(apart)
                  + " behind the compliance clock; it keeps counting real time from "
                  + from
                  + (ticker == null
                      ? " once the wall clock is past it"
                      : ", 1% slow, until the wall clock catches up in about "
                          + describe(catchUp(apart))));
    }
  }

  /** Real time to make up {@code apart} at the slew rate. */
  private static long catchUp(long apart) {
    return apart > Long.MAX_VALUE / Segment.SLEW ? Long.MAX_VALUE : apart * Segment.SLEW;
  }

  private static long millis(long nanos) {
    return Math.floorDiv(nanos, NANOS_PER_MILLI);
  }

  /** {@code 1h30m}, {@code 0.25s}; "unlimited" for the clock without a ticker. */
  private static String describe(long nanos) {
    return nanos >= Long.MAX_VALUE / 2
        ? "unlimited"
        : Duration.ofMillis(nanos / NANOS_PER_MILLI)
            .toString()
            .substring(2)
            .toLowerCase(Locale.ROOT);
  }

  private static long clampedNanos(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds >= MAX_WALL / 1_000_000_000L) {
      return MAX_WALL;
    }
    if (seconds <= -MAX_WALL / 1_000_000_000L) {
      return -MAX_WALL;
    }
    return seconds * 1_000_000_000L + instant.getNano();
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? -1 : Long.MAX_VALUE;
    }
  }
}
