package io.lockctl.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.clock.ComplianceClock.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compliance clock against a wall clock the test sets and a monotonic ticker the test moves:
 * {@link #elapse} is real time passing, moving only {@link #wall} is someone setting the clock.
 */
class ComplianceClockTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration MAX_STEP = Duration.ofHours(1);

  private final CapturedClockLog log = new CapturedClockLog();
  private final SettableClock wall = new SettableClock(T0);
  private SettableTicker ticker = new SettableTicker(987_654_321L);
  private ComplianceClock clock = new ComplianceClock(wall, ticker, MAX_STEP);

  @AfterEach
  void closeLog() {
    log.close();
  }

  @Test
  void withNoStepsItIsTheWallClock() {
    for (int i = 0; i < 1000; i++) {
      elapse(Duration.ofNanos(1_234_567L * i));
      assertEquals(wallMillis(), clock.now());
      assertEquals(State.IN_SYNC, clock.state());
      assertEquals(Duration.ZERO, clock.lag());
    }
    assertEquals(List.of(), log.warnings());
  }

  @Test
  void aForwardStepWithinTheLimitIsFollowedAtOnce() {
    clock.now();
    wall.advance(Duration.ofMinutes(59));

    assertEquals(T0.plus(Duration.ofMinutes(59)), clock.now());
    assertEquals(State.IN_SYNC, clock.state());
    assertEquals(List.of(), log.warnings());
    assertTrue(log.at(Level.INFO).get(0).contains("followed a forward step"));
  }

  @Test
  void aForwardJumpBeyondTheLimitIsSlewedAtOnePercentUntilItCatchesUp() {
    Instant start = clock.now();
    wall.advance(Duration.ofHours(10));

    assertEquals(start, clock.now(), "a jump is not followed at once");
    assertEquals(State.SLEWING, clock.state());
    assertEquals(Duration.ofHours(10), clock.lag());
    Duration real = Duration.ZERO;
    while (clock.state() == State.SLEWING) {
      elapse(Duration.ofMinutes(7));
      real = real.plus(Duration.ofMinutes(7));
      Duration gained = Duration.between(start, clock.now());
      assertTrue(gained.compareTo(real) >= 0, "it keeps counting real time");
      assertTrue(
          gained.compareTo(real.plus(real.dividedBy(100)).plusMillis(1)) <= 0,
          "at most 1% fast: " + gained + " after " + real);
      assertTrue(real.compareTo(Duration.ofHours(1001)) < 0, "it catches up in about 1000 hours");
    }
    assertTrue(real.compareTo(Duration.ofHours(999)) > 0, "no faster than 1%: " + real);
    assertEquals(wallMillis(), clock.now());
    assertEquals(Duration.ZERO, clock.lag());
    List<String> warnings = log.warnings();
    assertEquals(2, warnings.size(), "once when it starts, once when it has caught up");
    assertTrue(warnings.get(0).contains("10h ahead of the compliance clock"), warnings.get(0));
    assertTrue(warnings.get(0).contains("AcceptClock"), warnings.get(0));
    assertTrue(warnings.get(1).contains("caught up"), warnings.get(1));
  }

  @Test
  void stepsWithinTheLimitShareOneAllowanceThatRefillsAtOnePercent() {
    Instant start = clock.now();
    wall.advance(Duration.ofMinutes(40));
    assertEquals(start.plus(Duration.ofMinutes(40)), clock.now());

    wall.advance(Duration.ofMinutes(40));
    assertEquals(start.plus(Duration.ofMinutes(40)), clock.now(), "only 20 minutes were left");
    assertEquals(State.SLEWING, clock.state());

    // Catching up the 40 minutes takes 4000 minutes; then the allowance refills by 1% of real time.
    elapse(Duration.ofMinutes(4000));
    assertEquals(wallMillis(), clock.now());
    elapse(Duration.ofHours(65)); // refills 39 minutes: 59 left
    wall.advance(Duration.ofMinutes(59));
    assertEquals(wallMillis(), clock.now());
    assertEquals(State.IN_SYNC, clock.state());
  }

  @Test
  void aZeroLimitSlewsEveryForwardStep() {
    clock = new ComplianceClock(wall, ticker, Duration.ZERO);
    Instant start = clock.now();
    wall.advance(Duration.ofSeconds(10));
    assertEquals(start, clock.now());
    elapse(Duration.ofSeconds(100));
    assertEquals(start.plus(Duration.ofSeconds(101)), clock.now());
  }

  @Test
  void aJumpFoundAtStartUpIsSlewedFromThePersistedMark() {
    wall.set(T0.plus(Duration.ofDays(30)));
    clock.advanceTo(T0); // the store resumes the clock from its mark before the first now()

    assertEquals(T0, clock.now());
    assertEquals(State.SLEWING, clock.state());
    assertEquals(Duration.ofDays(30), clock.lag());
    elapse(Duration.ofHours(1));
    assertEquals(T0.plus(Duration.ofHours(1)).plusSeconds(36), clock.now());
    assertEquals(1, log.warnings().size());
    assertTrue(log.warnings().get(0).contains("720h ahead"), log.warnings().get(0));
  }

  @Test
  void aShortOutageIsFollowedAtOnceAtStartUp() {
    wall.set(T0.plus(Duration.ofMinutes(50)));
    clock.advanceTo(T0);

    assertEquals(wallMillis(), clock.now());
    assertEquals(State.IN_SYNC, clock.state());
    assertEquals(List.of(), log.warnings());
  }

  @Test
  void metricsReadBeforeTheStoreOpensDoNotStartTheClock() {
    wall.set(T0.plus(Duration.ofDays(3)));
    assertEquals(State.IN_SYNC, clock.state());
    assertEquals(Duration.ZERO, clock.lag());
    assertEquals(Instant.MIN, clock.highWater());

    clock.advanceTo(T0);
    assertEquals(T0, clock.now());
    assertEquals(State.SLEWING, clock.state());
  }

  @Test
  void aBackwardStepKeepsCountingRealTimeOnePercentSlowUntilTheWallClockCatchesUp() {
    Instant start = clock.now();
    wall.set(T0.minus(Duration.ofHours(1)));

    assertEquals(start, clock.now(), "it never goes back");
    assertEquals(State.HOLDING_BACK, clock.state());
    assertEquals(Duration.ZERO, clock.lag());
    elapse(Duration.ofMinutes(10));
    assertEquals(start.plus(Duration.ofMinutes(10)).minusSeconds(6), clock.now(), "0.99 of 10m");
    elapse(Duration.ofHours(100).minus(Duration.ofMinutes(10)).minusMillis(100));
    assertEquals(State.HOLDING_BACK, clock.state());
    elapse(Duration.ofMillis(200));
    assertEquals(State.IN_SYNC, clock.state());
    assertEquals(wallMillis(), clock.now());
    assertEquals(1, log.warnings().size());
    assertTrue(log.warnings().get(0).contains("1h behind"), log.warnings().get(0));
    assertTrue(log.at(Level.INFO).get(0).contains("caught up"));
  }

  @Test
  void aBackwardStepAcrossARestartResumesFromTheMarkAndCountsRealTime() {
    elapse(Duration.ofHours(5));
    clock.now();
    Instant mark = clock.highWater();

    restart();
    wall.set(T0); // while down, the wall clock was set back five hours
    clock.advanceTo(mark);

    assertEquals(mark, clock.now());
    assertEquals(State.HOLDING_BACK, clock.state());
    elapse(Duration.ofHours(1));
    assertEquals(mark.plus(Duration.ofMinutes(59)).plusSeconds(24), clock.now());
  }

  @Test
  void acceptingTheWallClockEndsASlewAtOnce() {
    Instant start = clock.now();
    wall.advance(Duration.ofDays(30));
    assertEquals(start, clock.now());
    elapse(Duration.ofHours(1));
    Instant slewed = clock.now();
    assertEquals(start.plus(Duration.ofHours(1)).plusSeconds(36), slewed);

    ClockAcceptance acceptance = clock.acceptJump();

    assertEquals(slewed, acceptance.from());
    assertEquals(wallMillis(), acceptance.to());
    assertEquals(wallMillis(), acceptance.wall());
    assertEquals(State.SLEWING, acceptance.before());
    assertTrue(acceptance.moved());
    assertEquals(Duration.ofDays(30).minusSeconds(36), acceptance.jump());
    assertEquals(wallMillis(), clock.now());
    assertEquals(State.IN_SYNC, clock.state());
    assertEquals(Duration.ZERO, clock.lag());
    assertTrue(log.warnings().get(log.warnings().size() - 1).contains("accepted"));
  }

  @Test
  void acceptingAWallClockThatIsBehindChangesNothing() {
    Instant start = clock.now();
    wall.set(T0.minus(Duration.ofHours(2)));

    ClockAcceptance acceptance = clock.acceptJump();

    assertFalse(acceptance.moved());
    assertEquals(start, acceptance.from());
    assertEquals(start, acceptance.to());
    assertEquals(T0.minus(Duration.ofHours(2)), acceptance.wall());
    assertEquals(State.HOLDING_BACK, acceptance.before());
    assertEquals(Duration.ZERO, acceptance.jump());
    assertEquals(start, clock.now());
    assertEquals(State.HOLDING_BACK, clock.state());
  }

  @Test
  void anotherReplicasMarkIsFollowedAtOnceHoweverFarAhead() {
    clock.now();
    Instant vetted = T0.plus(Duration.ofHours(3));

    clock.advanceTo(vetted);

    assertEquals(vetted, clock.now(), "not slewed: another replica's clock vetted it");
    assertEquals(State.HOLDING_BACK, clock.state(), "this replica's wall clock is behind it");
    elapse(Duration.ofMinutes(100));
    assertEquals(vetted.plus(Duration.ofMinutes(99)), clock.now());
  }

  @Test
  void aReplicasMarkAheadOfASlewIsFollowedAndTheSlewGoesOnFromThere() {
    Instant start = clock.now();
    wall.advance(Duration.ofHours(10));
    assertEquals(start, clock.now());

    clock.advanceTo(start.plus(Duration.ofHours(4)));

    assertEquals(start.plus(Duration.ofHours(4)), clock.now());
    assertEquals(State.SLEWING, clock.state());
    assertEquals(Duration.ofHours(6), clock.lag());
    elapse(Duration.ofHours(1));
    assertEquals(start.plus(Duration.ofHours(5)).plusSeconds(36), clock.now());
    assertEquals(1, log.warnings().size(), "still the same slew");
  }

  @Test
  void advanceToNeverLowersTheClockAndNowIsNeverEarlierThanIt() {
    Instant start = clock.now();
    clock.advanceTo(start.minus(Duration.ofDays(1)));
    assertEquals(start, clock.now());

    Instant later = start.plusMillis(1500).plusNanos(999_999);
    clock.advanceTo(later);
    assertEquals(start.plusMillis(1500), clock.highWater(), "millisecond precision");
    assertEquals(start.plusMillis(1500), clock.now());
  }

  @Test
  void withoutATickerEveryForwardStepIsElapsedTimeAndAStepBackHoldsAtTheMark() {
    clock = new ComplianceClock(wall);
    clock.now();
    wall.advance(Duration.ofDays(10));
    assertEquals(wallMillis(), clock.now());

    Instant mark = clock.now();
    wall.set(T0);
    assertEquals(mark, clock.now());
    wall.set(mark.minusMillis(1));
    assertEquals(mark, clock.now(), "frozen until the wall clock is past the mark");
    wall.set(mark.plusSeconds(5));
    assertEquals(mark.plusSeconds(5), clock.now());

    clock = new ComplianceClock(wall); // a restart, with the wall clock set back meanwhile
    wall.set(T0);
    clock.advanceTo(mark.plusSeconds(5));
    assertEquals(mark.plusSeconds(5), clock.now());
    wall.set(mark.plusSeconds(4));
    assertEquals(mark.plusSeconds(5), clock.now());
    wall.set(mark.plusSeconds(6));
    assertEquals(mark.plusSeconds(6), clock.now());
  }

  @Test
  void rejectsANegativeLimit() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> new ComplianceClock(wall, ticker, Duration.ofSeconds(-1)));
  }

  /** Real time passing: both clocks move. */
  private void elapse(Duration duration) {
    wall.advance(duration);
    ticker.advance(duration);
  }

  /** A new process: a new monotonic clock with its own origin, and a new compliance clock. */
  private void restart() {
    ticker = new SettableTicker(-42_000_000_000L);
    clock = new ComplianceClock(wall, ticker, MAX_STEP);
  }

  private Instant wallMillis() {
    return Instant.ofEpochMilli(wall.millis());
  }
}
