package io.lockctl.core.clockcontrol;

import io.lockctl.core.clock.ComplianceClock;
import java.time.Duration;
import java.time.Instant;

/**
 * How the compliance clock stands: its time, the wall clock's, how far it lags behind, and why.
 *
 * @param lag how far the compliance clock is behind the wall clock; zero when it is not
 */
public record ClockReading(
    Instant complianceTime, Instant wallTime, Duration lag, ComplianceClock.State state) {}
