package io.lockctl.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lockctl.core.clock.ComplianceClock.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded random runs of one lockctl process's clock: real time passing, the wall clock stepped
 * either way, restarts (clean, or crashes that lose the last second of the mark), another replica's
 * marks and operators accepting the wall clock; checked against what the clock promises. A failure
 * names its seed; {@code -Dclock.seed=N} replays one.
 */
class ComplianceClockSimulationTest {
  private static final Instant T0 = Instant.parse("2031-06-01T00:00:00Z");
  private static final Duration MAX_STEP = ComplianceClock.DEFAULT_MAX_CLOCK_STEP;
  private static final long MS = 1_000_000L;
  private static final long EPSILON_MS = 3;
  private static final int RUNS = 40;
  private static final int STEPS = 3000;

  private final CapturedClockLog log = new CapturedClockLog();

  @AfterEach
  void closeLog() {
    log.close();
  }

  /** What may happen in a run. */
  private enum World {
    /** Real time passing and restarts after short outages, nothing else. */
    CALM,
    /** The wall clock only ever steps back. */
    STEPS_BACK,
    /** The wall clock is nudged forward, each time by less than the maximum step; no restarts. */
    NUDGED,
    /** Anything. */
    ANYTHING
  }

  @Test
  void withoutStepsTheComplianceClockIsTheWallClock() {
    Set<State> seen = simulate(World.CALM);
    assertEquals(Set.of(State.IN_SYNC), seen);
  }

  @Test
  void anySequenceOfStepsKeepsEveryPromise() {
    Set<State> seen = simulate(World.ANYTHING);
    assertEquals(EnumSet.allOf(State.class), seen, "the runs went through every state");
  }

  /**
   * A lock taken for L is never seen expired before L of real time has passed, whatever steps back
   * the wall clock takes, across restarts too.
   */
  @Test
  void stepsBackNeverExpireALockEarly() {
    Set<State> seen = simulate(World.STEPS_BACK);
    assertTrue(seen.contains(State.HOLDING_BACK));
  }

  /** However often the wall clock is nudged forward, together that gains at most 1% a while. */
  @Test
  void smallStepsForwardGainNoMoreThanOnePercent() {
    Set<State> seen = simulate(World.NUDGED);
    assertTrue(seen.contains(State.SLEWING), "the allowance ran out");
  }

  /** Runs the seeds, or the one {@code -Dclock.seed} names; returns the states they saw. */
  private static Set<State> simulate(World world) {
    Set<State> seen = EnumSet.noneOf(State.class);
    int expired = 0;
    String replay = System.getProperty("clock.seed");
    long seeds = new Random(20310601L).nextLong();
    for (int i = 0; i < (replay == null ? RUNS : 1); i++) {
      Run run = new Run(replay == null ? seeds + i : Long.parseLong(replay), world);
      run.go();
      seen.addAll(run.seen);
      expired += run.expired;
    }
    assertTrue(expired > 10 * (replay == null ? RUNS : 1), "the runs saw locks expire: " + expired);
    return seen;
  }

  /** A lock taken at {@code takenAt} (real ms) until compliance time {@code until}. */
  private static final class Lock {
    final double takenAt;
    final long length;
    final long until;
    double allowance; // how much sooner in real time it may end: the clock's documented slack

    Lock(double takenAt, long length, long until, double allowance) {
      this.takenAt = takenAt;
      this.length = length;
      this.until = until;
      this.allowance = allowance;
    }
  }

  private static final class Run {
    final long seed;
    final World world;
    final Random random;
    final SettableClock wall = new SettableClock(T0);
    SettableTicker ticker;
    ComplianceClock clock;

    /** Real time since the run began, in nanoseconds. */
    long real;

    long lastReturned = Long.MIN_VALUE;

    /** Since the last sync (now() equal to the wall clock): its real time and compliance time. */
    double syncReal;

    long syncCompliance;

    /** The least (compliance - 1.01 * real) since the bound last restarted, in ms. */
    double windowFloor = Double.NaN;

    final List<Lock> locks = new ArrayList<>();
    final Set<State> seen = EnumSet.noneOf(State.class);
    int expired;
    int step;

    Run(long seed, World world) {
      this.seed = seed;
      this.world = world;
      this.random = new Random(seed);
      start();
    }

    void go() {
      long first = read();
      assertEquals(wall.millis(), first, context("a fresh clock starts at the wall clock"));
      for (step = 0; step < STEPS; step++) {
        int roll = random.nextInt(100);
        if (roll < 30) {
          elapse(duration(1, 10_000));
        } else if (roll < 42) {
          elapse(duration(60_000, 3L * 24 * 3600_000));
        } else if (roll < 62) {
          readBurst();
        } else if (roll < 66 && world != World.NUDGED) {
          restart();
        } else if (roll < 74) {
          takeLock();
        } else if (world != World.CALM && roll < 92) {
          stepWall();
        } else if (world == World.ANYTHING && roll < 96) {
          replicaMark();
        } else if (world == World.ANYTHING) {
          accept();
        } else {
          readBurst();
        }
      }
    }

    void readBurst() {
      int reads = 1 + random.nextInt(4);
      for (int i = 0; i < reads; i++) {
        read();
        elapse(duration(0, 100));
      }
    }

    /** One now(), checked. */
    long read() {
      long now = clock.now().toEpochMilli();
      double realMs = real / (double) MS;
      if (now < lastReturned) {
        fail(context("now() went back from " + lastReturned + " to " + now));
      }
      lastReturned = now;
      if (world == World.CALM) {
        assertEquals(wall.millis(), now, context("no steps: the wall clock"));
      }
      if (now == wall.millis()) {
        syncReal = realMs;
        syncCompliance = now;
      } else if (now - syncCompliance > (realMs - syncReal) * 1.01 + EPSILON_MS) {
        fail(
            context(
                "ran ahead of real time since the last sync by more than 1%: "
                    + (now - syncCompliance)
                    + " ms after "
                    + (realMs - syncReal)
                    + " ms"));
      }
      double key = now - 1.01 * realMs;
      if (Double.isNaN(windowFloor)) {
        windowFloor = key;
      }
      windowFloor = Math.min(windowFloor, key);
      if (key - windowFloor > MAX_STEP.toMillis() + EPSILON_MS) {
        fail(
            context(
                "gained "
                    + (key - windowFloor)
                    + " ms more than 1% over real time, more than the maximum step"));
      }
      for (var iterator = locks.iterator(); iterator.hasNext(); ) {
        Lock lock = iterator.next();
        if (now >= lock.until) {
          double lasted = realMs - lock.takenAt;
          double promised =
              world == World.STEPS_BACK
                  ? lock.length - EPSILON_MS
                  : (lock.length - lock.allowance - EPSILON_MS) / 1.01;
          if (lasted < promised) {
            fail(context("a " + lock.length + " ms lock expired after " + lasted + " ms"));
          }
          iterator.remove();
          expired++;
        }
      }
      seen.add(clock.state());
      return now;
    }

    void elapse(long nanos) {
      real += nanos;
      wall.advance(Duration.ofNanos(nanos));
      ticker.advance(Duration.ofNanos(nanos));
    }

    /** Steps the wall clock by up to 60 days, or nudges it forward within the maximum step. */
    void stepWall() {
      boolean nudge = world == World.NUDGED || (world == World.ANYTHING && random.nextBoolean());
      long by =
          nudge
              ? (long) (random.nextDouble() * (MAX_STEP.toNanos() - MS))
              : duration(1, 60L * 24 * 3600_000);
      boolean back = world == World.STEPS_BACK || (!nudge && random.nextBoolean());
      wall.advance(Duration.ofNanos(back ? -by : by));
    }

    /** Another replica persisted a mark a little ahead of this clock, which it must follow. */
    void replicaMark() {
      long before = read();
      long mark = before + random.nextInt(10_000);
      clock.advanceTo(Instant.ofEpochMilli(mark));
      vouchedJump(before, mark);
      assertTrue(read() >= mark, context("a replica's mark is followed at once"));
    }

    void accept() {
      long before = read();
      ClockAcceptance acceptance = clock.acceptJump();
      long to = acceptance.to().toEpochMilli();
      assertTrue(acceptance.from().toEpochMilli() >= before, context("accepting never goes back"));
      assertEquals(
          Math.max(acceptance.from().toEpochMilli(), acceptance.wall().toEpochMilli()),
          to,
          context("accepting jumps to the wall clock when it is ahead"));
      vouchedJump(before, to);
      assertTrue(read() >= to, context("and now() is there"));
    }

    /**
     * A jump from {@code before} to {@code to} that someone vouched for: the bounds start again
     * from it, and the locks allow for it.
     */
    void vouchedJump(long before, long to) {
      syncReal = real / (double) MS;
      syncCompliance = Math.max(before, to);
      windowFloor = Double.NaN;
      locks.forEach(lock -> lock.allowance += Math.max(0, to - before));
    }

    void takeLock() {
      long now = read();
      long length = duration(3_600_000, 30L * 24 * 3600_000) / MS;
      locks.add(new Lock(real / (double) MS, length, now + length, MAX_STEP.toMillis()));
    }

    /**
     * Stops the process, cleanly (the mark is persisted) or not (it keeps what was persisted last),
     * keeps it down for a while, and starts it again from the mark.
     */
    void restart() {
      // The store's maintenance takes a now() every minute and persists the mark every second,
      // and a clean stop persists it once more; a crash loses what came after the last persist.
      read();
      long persisted = clock.highWater().toEpochMilli();
      boolean clean = world != World.ANYTHING || random.nextInt(3) > 0;
      if (!clean) {
        readBurst();
      }
      long mark = clean ? clock.highWater().toEpochMilli() : persisted;
      long down =
          world == World.ANYTHING
              ? duration(1, 3L * 24 * 3600_000)
              : duration(1, MAX_STEP.toMillis() * 5 / 6);
      real += down;
      wall.advance(Duration.ofNanos(down));
      start();
      clock.advanceTo(Instant.ofEpochMilli(mark));
      lastReturned = mark;
      syncReal = real / (double) MS;
      syncCompliance = mark;
      windowFloor = Double.NaN;
      locks.forEach(lock -> lock.allowance += MAX_STEP.toMillis()); // a fresh allowance
      long first = read();
      assertTrue(first >= mark, context("a restart resumes no earlier than the mark"));
    }

    void start() {
      ticker = new SettableTicker(random.nextLong());
      clock = new ComplianceClock(wall, ticker, MAX_STEP);
    }

    /** Between {@code minMillis} and {@code maxMillis}, spread evenly over the orders of size. */
    long duration(long minMillis, long maxMillis) {
      double low = Math.log(minMillis + 1.0);
      double high = Math.log(maxMillis + 1.0);
      double millis = Math.exp(low + random.nextDouble() * (high - low)) - 1;
      return (long) (millis * MS);
    }

    String context(String what) {
      return what + " (seed " + seed + ", " + world + ", step " + step + ")";
    }
  }
}
