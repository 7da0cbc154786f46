package io.lockctl.core.snapshot;

import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.accomplished;
import static io.lockctl.core.snapshot.Fixtures.at;
import static io.lockctl.core.snapshot.Fixtures.hours;
import static io.lockctl.core.snapshot.Fixtures.lockDays;
import static io.lockctl.core.snapshot.Fixtures.locked;
import static io.lockctl.core.snapshot.Fixtures.rejected;
import static io.lockctl.core.snapshot.Fixtures.unlock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.error.Reason;
import io.lockctl.core.testing.CapturedLog;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The decisions take their time from the compliance clock; a system clock set back before a
 * cool-off's end must not reopen the cool-off.
 */
class ClockSteppingBackTest {
  private final SettableClock system = new SettableClock(T0);
  private final ComplianceClock clock = new ComplianceClock(system);

  @Test
  void aCompliancePastItsCoolOffStaysComplianceWhenTheSystemClockStepsBack() {
    Snapshot snapshot = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 30, 24), clock.now());
    system.advance(hours(25));
    assertEquals(LockStatus.COMPLIANCE, snapshot.lock().statusAt(clock.now()));

    system.set(at(hours(1)));
    Instant now;
    try (CapturedLog clockLog = CapturedLog.of(ComplianceClock.class)) {
      now = clock.now();
      assertEquals(
          List.of(
              "the wall clock is 24h behind the compliance clock; it keeps counting real time from "
                  + at(hours(25))
                  + " once the wall clock is past it"),
          clockLog.messages(Level.WARNING));
    }

    assertEquals(at(hours(25)), now);
    assertEquals(LockStatus.COMPLIANCE, snapshot.lock().statusAt(now));
    rejected(Fixtures.unlock(snapshot, unlock(), now), Reason.COOL_OFF_PERIOD_EXPIRED);
    rejected(
        Fixtures.lock(snapshot, lockDays(LockMode.GOVERNANCE, 30, 0), now),
        Reason.COOL_OFF_PERIOD_EXPIRED);
    rejected(
        SnapshotDecisions.delete(snapshot, Fixtures.REGION, Fixtures.ID, List.of(), now),
        Reason.SNAPSHOT_LOCKED);
  }
}
