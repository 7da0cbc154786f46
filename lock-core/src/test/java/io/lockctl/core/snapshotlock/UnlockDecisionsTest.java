package io.lockctl.core.snapshotlock;

import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.accepted;
import static io.lockctl.core.snapshot.Fixtures.accomplished;
import static io.lockctl.core.snapshot.Fixtures.at;
import static io.lockctl.core.snapshot.Fixtures.days;
import static io.lockctl.core.snapshot.Fixtures.fields;
import static io.lockctl.core.snapshot.Fixtures.hours;
import static io.lockctl.core.snapshot.Fixtures.lockDays;
import static io.lockctl.core.snapshot.Fixtures.lockUntil;
import static io.lockctl.core.snapshot.Fixtures.locked;
import static io.lockctl.core.snapshot.Fixtures.progressing;
import static io.lockctl.core.snapshot.Fixtures.rejected;
import static io.lockctl.core.snapshot.Fixtures.unlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lockctl.core.error.Reason;
import io.lockctl.core.snapshot.Fixtures;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UnlockSnapshot: allowed in COMPLIANCE_COOLOFF and GOVERNANCE only. */
class UnlockDecisionsTest {

  @Test
  void aGovernanceLockIsRemoved() {
    Snapshot governed = locked(accomplished(), lockDays(LockMode.GOVERNANCE, 30, 0), T0);
    UnlockedSnapshot unlocked = accepted(unlock(governed, unlock(), at(days(29))));
    assertNull(unlocked.snapshot().lock());
    assertEquals(governed.lock(), unlocked.removedLock());
    assertEquals(governed.withLock(null), unlocked.snapshot());
  }

  @Test
  void aPendingGovernanceLockIsRemoved() {
    Snapshot governed = locked(progressing(), lockDays(LockMode.GOVERNANCE, 30, 0), T0);
    assertNull(accepted(unlock(governed, unlock(), at(days(300)))).snapshot().lock());
  }

  @Test
  void aComplianceLockIsRemovedUntilItsCoolOffEnds() {
    Snapshot coolingOff = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 30, 24), T0);
    assertNull(
        accepted(unlock(coolingOff, unlock(), at(hours(24)).minusMillis(1))).snapshot().lock());
    rejected(unlock(coolingOff, unlock(), at(hours(24))), Reason.COOL_OFF_PERIOD_EXPIRED);
  }

  @Test
  void aComplianceLockWithoutCoolOffIsNeverRemoved() {
    Snapshot compliance = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 30, 0), T0);
    rejected(unlock(compliance, unlock(), T0), Reason.COOL_OFF_PERIOD_EXPIRED);
    Snapshot pending = locked(progressing(), lockDays(LockMode.COMPLIANCE, 30, 0), T0);
    rejected(unlock(pending, unlock(), at(days(1000))), Reason.COOL_OFF_PERIOD_EXPIRED);
  }

  @Test
  void anUnlockedSnapshotIsNotLocked() {
    rejected(unlock(accomplished(), unlock(), T0), Reason.SNAPSHOT_NOT_LOCKED);
  }

  @Test
  void anExpiredLockIsNotLockedAndStaysShown() {
    Snapshot expired = locked(accomplished(), lockUntil(LockMode.COMPLIANCE, at(days(1)), 0), T0);
    rejected(unlock(expired, unlock(), at(days(1))), Reason.SNAPSHOT_NOT_LOCKED);
    accepted(Fixtures.lock(expired, lockDays(LockMode.GOVERNANCE, 1, 0), at(days(1))));
  }

  @Test
  void anUnknownSnapshotIsNotFound() {
    rejected(unlock(null, unlock(), T0), Reason.SNAPSHOT_NOT_FOUND);
  }

  @Test
  void malformedIdentifiersComeFirst() {
    assertEquals(
        List.of("region_id", "snapshot_id"),
        fields(
            rejected(
                unlock(null, new UnlockSnapshotCommand("", "s-", ""), T0),
                Reason.INVALID_PARAMETER)));
  }
}
