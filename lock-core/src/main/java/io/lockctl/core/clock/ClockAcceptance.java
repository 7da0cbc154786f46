package io.lockctl.core.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@link ComplianceClock#acceptJump()} did, for the audit record of the operator who asked.
 *
 * @param from the compliance time just before
 * @param to the compliance time just after: {@code wall} if the clock jumped, else {@code from}
 * @param wall the wall clock's reading that was accepted
 * @param before how the compliance clock stood to the wall clock just before
 */
public record ClockAcceptance(
    Instant from, Instant to, Instant wall, ComplianceClock.State before) {

  /** Whether the compliance clock moved; it does not when the wall clock was not ahead. */
  public boolean moved() {
    return to.isAfter(from);
  }

  /** How far the compliance clock jumped forward; zero if it did not move. */
  public Duration jump() {
    return Duration.between(from, to);
  }
}
