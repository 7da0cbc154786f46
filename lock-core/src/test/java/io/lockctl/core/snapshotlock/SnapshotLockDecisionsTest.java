package io.lockctl.core.snapshotlock;

import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.accepted;
import static io.lockctl.core.snapshot.Fixtures.accomplished;
import static io.lockctl.core.snapshot.Fixtures.at;
import static io.lockctl.core.snapshot.Fixtures.days;
import static io.lockctl.core.snapshot.Fixtures.fields;
import static io.lockctl.core.snapshot.Fixtures.hours;
import static io.lockctl.core.snapshot.Fixtures.lock;
import static io.lockctl.core.snapshot.Fixtures.lockDays;
import static io.lockctl.core.snapshot.Fixtures.lockUntil;
import static io.lockctl.core.snapshot.Fixtures.locked;
import static io.lockctl.core.snapshot.Fixtures.progressing;
import static io.lockctl.core.snapshot.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.snapshot.Fixtures;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** LockSnapshot's decisions: new locks, their statuses over time, and what each status allows. */
class SnapshotLockDecisionsTest {

  @Nested
  class Lockability {
    @Test
    void aFailedSnapshotIsNotAvailable() {
      rejected(
          lock(Fixtures.snapshot(SnapshotStatus.FAILED), lockDays(LockMode.COMPLIANCE, 1, 0), T0),
          Reason.SNAPSHOT_NOT_AVAILABLE);
    }

    @Test
    void aSnapshotInTheRecycleBinIsNotAvailable() {
      Snapshot binned =
          new Snapshot(
              Fixtures.REGION,
              Fixtures.ID,
              SnapshotStatus.ACCOMPLISHED,
              0,
              false,
              "",
              Map.of(),
              T0,
              SnapshotState.IN_RECYCLE_BIN,
              at(days(7)),
              null);
      rejected(
          lock(binned, lockDays(LockMode.COMPLIANCE, 1, 0), T0), Reason.SNAPSHOT_NOT_AVAILABLE);
    }

    @Test
    void aManagedSnapshotCannotBeLockedAndTheProductIsNamed() {
      Snapshot managed =
          new Snapshot(
              Fixtures.REGION,
              Fixtures.ID,
              SnapshotStatus.ACCOMPLISHED,
              0,
              false,
              "ecs-backup",
              Map.of(),
              T0,
              SnapshotState.ACTIVE,
              null,
              null);
      Rejection rejection =
          rejected(
              lock(managed, lockDays(LockMode.COMPLIANCE, 1, 0), T0),
              Reason.RESOURCE_MANAGED_BY_PRODUCT);
      assertEquals(Map.of("managed_by", "ecs-backup"), rejection.metadata());
    }

    @Test
    void aSharedSnapshotCannotBeLocked() {
      rejected(
          lock(accomplished().withShared(true), lockDays(LockMode.GOVERNANCE, 1, 0), T0),
          Reason.SHARED_SNAPSHOT_UNSUPPORTED);
    }

    @Test
    void unavailabilityComesFirstThenManagementThenSharing() {
      Snapshot everything =
          new Snapshot(
              Fixtures.REGION,
              Fixtures.ID,
              SnapshotStatus.FAILED,
              0,
              true,
              "ecs-backup",
              Map.of(),
              T0,
              SnapshotState.ACTIVE,
              null,
              null);
      rejected(
          lock(everything, lockDays(LockMode.GOVERNANCE, 1, 0), T0), Reason.SNAPSHOT_NOT_AVAILABLE);
      rejected(
          lock(
              everything.withStatus(SnapshotStatus.ACCOMPLISHED),
              lockDays(LockMode.GOVERNANCE, 1, 0),
              T0),
          Reason.RESOURCE_MANAGED_BY_PRODUCT);
    }
  }

  @Nested
  class TermChecks {
    @Test
    void theCoolOffMustBeShorterThanADaysTerm() {
      Rejection rejection =
          rejected(
              lock(accomplished(), lockDays(LockMode.COMPLIANCE, 3, 72), T0),
              Reason.COOL_OFF_EXCEEDS_LOCK_DURATION);
      assertEquals(List.of("cool_off_period_hours"), fields(rejection));
      rejected(
          lock(accomplished(), lockDays(LockMode.COMPLIANCE, 1, 24), T0),
          Reason.COOL_OFF_EXCEEDS_LOCK_DURATION);
      accepted(lock(accomplished(), lockDays(LockMode.COMPLIANCE, 2, 24), T0));
    }

    @Test
    void theCoolOffMustBeShorterThanTheTimeToAnExpireTime() {
      Instant now = at(hours(5));
      rejected(
          lock(accomplished(), lockUntil(LockMode.COMPLIANCE, now.plus(hours(24)), 24), now),
          Reason.COOL_OFF_EXCEEDS_LOCK_DURATION);
      accepted(
          lock(
              accomplished(),
              lockUntil(LockMode.COMPLIANCE, now.plus(hours(24)).plusMillis(1), 24),
              now));
    }

    @Test
    void aLockMayEndExactlyWhenRetentionEndsButNotLater() {
      Snapshot kept10Days = accomplished().withRetentionDays(10);
      accepted(lock(kept10Days, lockDays(LockMode.COMPLIANCE, 9, 0), at(days(1))));
      Rejection rejection =
          rejected(
              lock(kept10Days, lockDays(LockMode.COMPLIANCE, 9, 0), at(days(1)).plusMillis(1)),
              Reason.LOCK_DURATION_EXCEEDS_RETENTION);
      assertEquals(List.of("lock_duration_days"), fields(rejection));
    }

    @Test
    void anExpireTimeAfterRetentionIsRefused() {
      Snapshot kept10Days = accomplished().withRetentionDays(10);
      accepted(lock(kept10Days, lockUntil(LockMode.GOVERNANCE, at(days(10)), 0), T0));
      Rejection rejection =
          rejected(
              lock(kept10Days, lockUntil(LockMode.GOVERNANCE, at(days(10)).plusMillis(1), 0), T0),
              Reason.LOCK_DURATION_EXCEEDS_RETENTION);
      assertEquals(List.of("expire_time"), fields(rejection));
    }

    @Test
    void aPendingLockCountsItsDaysFromNowAgainstRetention() {
      Snapshot kept10Days = progressing().withRetentionDays(10);
      accepted(lock(kept10Days, lockDays(LockMode.GOVERNANCE, 10, 0), T0));
      rejected(
          lock(kept10Days, lockDays(LockMode.GOVERNANCE, 10, 0), at(hours(1))),
          Reason.LOCK_DURATION_EXCEEDS_RETENTION);
    }

    @Test
    void noRetentionMeansNoLimit() {
      accepted(lock(accomplished(), lockDays(LockMode.COMPLIANCE, 36500, 0), T0));
    }

    @Test
    void theCoolOffIsCheckedBeforeRetention() {
      rejected(
          lock(accomplished().withRetentionDays(1), lockDays(LockMode.COMPLIANCE, 2, 48), T0),
          Reason.COOL_OFF_EXCEEDS_LOCK_DURATION);
    }
  }

  @Nested
  class NewLocks {
    @Test
    void onAnAccomplishedSnapshotTheDurationStartsNow() {
      Instant now = at(hours(3));
      SnapshotLock lock = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 30, 24), now).lock();
      assertEquals(
          new SnapshotLock(LockMode.COMPLIANCE, now, 24, new LockTerm.Days(30), now, null, 1),
          lock);
      assertEquals(Optional.of(now.plus(days(30))), lock.expireTime());
      assertEquals(Optional.of(now.plus(hours(24))), lock.coolOffEndTime());
    }

    @Test
    void onAProgressingSnapshotTheDurationWaits() {
      SnapshotLock lock = locked(progressing(), lockDays(LockMode.GOVERNANCE, 1, 0), T0).lock();
      assertNull(lock.durationStartTime());
      assertEquals(Optional.empty(), lock.expireTime());
      assertEquals(LockStatus.GOVERNANCE, lock.statusAt(at(days(3650))));
    }

    @Test
    void anExpireTimeEndsTheLockEvenWhileTheSnapshotIsProgressing() {
      SnapshotLock lock =
          locked(progressing(), lockUntil(LockMode.COMPLIANCE, at(days(2)), 0), T0).lock();
      assertNull(lock.durationStartTime());
      assertEquals(LockStatus.COMPLIANCE, lock.statusAt(at(days(2)).minusMillis(1)));
      assertEquals(LockStatus.EXPIRED, lock.statusAt(at(days(2))));
    }

    @Test
    void otherSnapshotFieldsAreKept() {
      Snapshot tagged = accomplished().withTags(Map.of("env", "prod")).withRetentionDays(400);
      Snapshot locked = locked(tagged, lockDays(LockMode.GOVERNANCE, 30, 0), T0);
      assertEquals(tagged, locked.withLock(null));
    }
  }

  @Nested
  class StatusOverTime {
    private final SnapshotLock lock =
        locked(accomplished(), lockDays(LockMode.COMPLIANCE, 10, 24), T0).lock();

    @Test
    void theCoolOffEndsExactlyAtCreationPlusItsHours() {
      assertEquals(LockStatus.COMPLIANCE_COOLOFF, lock.statusAt(T0));
      assertEquals(LockStatus.COMPLIANCE_COOLOFF, lock.statusAt(at(hours(24)).minusMillis(1)));
      assertEquals(LockStatus.COMPLIANCE, lock.statusAt(at(hours(24))));
    }

    @Test
    void theLockExpiresExactlyAtItsExpiry() {
      assertEquals(LockStatus.COMPLIANCE, lock.statusAt(at(days(10)).minusMillis(1)));
      assertTrue(lock.isActiveAt(at(days(10)).minusMillis(1)));
      assertEquals(LockStatus.EXPIRED, lock.statusAt(at(days(10))));
    }

    @Test
    void complianceWithoutCoolOffIsComplianceAtOnce() {
      assertEquals(
          LockStatus.COMPLIANCE,
          locked(accomplished(), lockDays(LockMode.COMPLIANCE, 10, 0), T0).lock().statusAt(T0));
    }
  }

  @Nested
  class Relock {
    @Test
    void anExpiredLockIsReplacedByANewOneWithTheNextVersion() {
      Snapshot expired = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 1, 0), T0);
      Instant now = at(days(1));
      SnapshotLock lock = locked(expired, lockDays(LockMode.GOVERNANCE, 5, 0), now).lock();
      assertEquals(
          new SnapshotLock(LockMode.GOVERNANCE, now, 0, new LockTerm.Days(5), now, null, 2), lock);
    }

    @Test
    void duringTheCoolOffEveryParameterIsResetTheCoolOffIncluded() {
      Snapshot coolingOff = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 30, 48), T0);
      Instant now = at(hours(47));
      SnapshotLock lock = locked(coolingOff, lockDays(LockMode.COMPLIANCE, 3, 24), now).lock();
      assertEquals(
          new SnapshotLock(LockMode.COMPLIANCE, now, 24, new LockTerm.Days(3), now, null, 2), lock);
      assertEquals(LockStatus.COMPLIANCE_COOLOFF, lock.statusAt(now.plus(hours(23))));
    }

    @Test
    void duringTheCoolOffTheModeMayChange() {
      Snapshot coolingOff = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 30, 48), T0);
      assertEquals(
          LockStatus.GOVERNANCE,
          locked(coolingOff, lockUntil(LockMode.GOVERNANCE, at(days(1)), 0), at(hours(1)))
              .lock()
              .statusAt(at(hours(1))));
    }

    @Test
    void governanceMayBeShortenedOrSwitchedToCompliance() {
      Snapshot governed = locked(accomplished(), lockDays(LockMode.GOVERNANCE, 30, 0), T0);
      Instant now = at(days(5));
      assertEquals(
          new LockTerm.Days(1),
          locked(governed, lockDays(LockMode.GOVERNANCE, 1, 0), now).lock().term());
      SnapshotLock compliance = locked(governed, lockDays(LockMode.COMPLIANCE, 10, 12), now).lock();
      assertEquals(
          new SnapshotLock(LockMode.COMPLIANCE, now, 12, new LockTerm.Days(10), now, null, 2),
          compliance);
    }

    @Test
    void aPendingRelockStaysPending() {
      Snapshot governed = locked(progressing(), lockDays(LockMode.GOVERNANCE, 30, 0), T0);
      SnapshotLock lock = locked(governed, lockDays(LockMode.COMPLIANCE, 2, 0), at(days(1))).lock();
      assertNull(lock.durationStartTime());
      assertEquals(at(days(1)), lock.creationTime());
    }
  }

  @Nested
  class ComplianceAfterCoolOff {
    /** Locked at T0 for 10 days with a 24 h cool-off; COMPLIANCE from T0 + 24 h. */
    private final Snapshot compliance =
        locked(accomplished(), lockDays(LockMode.COMPLIANCE, 10, 24), T0);

    private final Instant now = at(days(2));

    @Test
    void aLaterDaysTermExtendsFromTheOriginalStart() {
      SnapshotLock lock = locked(compliance, lockDays(LockMode.COMPLIANCE, 11, 0), now).lock();
      assertEquals(
          new SnapshotLock(LockMode.COMPLIANCE, T0, 0, new LockTerm.Days(11), T0, null, 2), lock);
      assertEquals(Optional.of(at(days(11))), lock.expireTime());
      assertEquals(LockStatus.COMPLIANCE, lock.statusAt(now));
    }

    @Test
    void aLaterExpireTimeExtends() {
      SnapshotLock lock =
          locked(compliance, lockUntil(LockMode.COMPLIANCE, at(days(10)).plusMillis(1), 0), now)
              .lock();
      assertEquals(Optional.of(at(days(10)).plusMillis(1)), lock.expireTime());
      assertEquals(T0, lock.creationTime());
    }

    @Test
    void theSameOrAnEarlierExpiryIsRefused() {
      rejected(
          lock(compliance, lockDays(LockMode.COMPLIANCE, 10, 0), now),
          Reason.COOL_OFF_PERIOD_EXPIRED);
      rejected(
          lock(compliance, lockDays(LockMode.COMPLIANCE, 3, 0), now),
          Reason.COOL_OFF_PERIOD_EXPIRED);
      rejected(
          lock(compliance, lockUntil(LockMode.COMPLIANCE, at(days(10)), 0), now),
          Reason.COOL_OFF_PERIOD_EXPIRED);
    }

    @Test
    void aModeChangeIsRefused() {
      rejected(
          lock(compliance, lockDays(LockMode.GOVERNANCE, 100, 0), now),
          Reason.COOL_OFF_PERIOD_EXPIRED);
    }

    @Test
    void aNewCoolOffIsRefusedEvenForALaterExpiry() {
      rejected(
          lock(compliance, lockDays(LockMode.COMPLIANCE, 100, 1), now),
          Reason.COOL_OFF_PERIOD_EXPIRED);
    }

    @Test
    void relockRulesComeBeforeRetention() {
      Snapshot kept = compliance.withRetentionDays(20);
      rejected(
          lock(kept, lockDays(LockMode.GOVERNANCE, 30, 0), now), Reason.COOL_OFF_PERIOD_EXPIRED);
      rejected(
          lock(kept, lockDays(LockMode.COMPLIANCE, 21, 0), now),
          Reason.LOCK_DURATION_EXCEEDS_RETENTION);
      accepted(lock(kept, lockDays(LockMode.COMPLIANCE, 20, 0), now));
    }

    @Test
    void theCoolOffEndingExactlyNowAlreadyForbidsChanges() {
      rejected(
          lock(compliance, lockDays(LockMode.GOVERNANCE, 30, 0), at(hours(24))),
          Reason.COOL_OFF_PERIOD_EXPIRED);
      accepted(
          lock(compliance, lockDays(LockMode.GOVERNANCE, 30, 0), at(hours(24)).minusMillis(1)));
    }
  }

  @Nested
  class PendingCompliance {
    /** A PROGRESSING snapshot's compliance lock for 10 days, not started yet. */
    private final Snapshot pending =
        locked(progressing(), lockDays(LockMode.COMPLIANCE, 10, 0), T0);

    private final Instant now = at(days(30));

    @Test
    void moreDaysExtendAndTheLockStaysPending() {
      SnapshotLock lock = locked(pending, lockDays(LockMode.COMPLIANCE, 11, 0), now).lock();
      assertEquals(
          new SnapshotLock(LockMode.COMPLIANCE, T0, 0, new LockTerm.Days(11), null, null, 2), lock);
    }

    @Test
    void asManyOrFewerDaysAreRefused() {
      rejected(
          lock(pending, lockDays(LockMode.COMPLIANCE, 10, 0), now), Reason.COOL_OFF_PERIOD_EXPIRED);
      rejected(
          lock(pending, lockDays(LockMode.COMPLIANCE, 9, 0), now), Reason.COOL_OFF_PERIOD_EXPIRED);
    }

    @Test
    void anExpireTimeCannotBeShownToBeLater() {
      rejected(
          lock(pending, lockUntil(LockMode.COMPLIANCE, now.plus(days(36000)), 0), now),
          Reason.COOL_OFF_PERIOD_EXPIRED);
    }

    @Test
    void aPendingExpireTimeLockIsExtendedByDaysCountedFromNow() {
      Snapshot until = locked(progressing(), lockUntil(LockMode.COMPLIANCE, at(days(40)), 0), T0);
      rejected(
          lock(until, lockDays(LockMode.COMPLIANCE, 10, 0), now), Reason.COOL_OFF_PERIOD_EXPIRED);
      SnapshotLock lock = locked(until, lockDays(LockMode.COMPLIANCE, 11, 0), now).lock();
      assertNull(lock.durationStartTime());
      assertEquals(now.plus(days(11)), lock.earliestExpireTime(now));
    }
  }

  @Nested
  class KeyLocks {
    private static final String KEY = "lk-aaaaaaaaaaaaaaaaaaaa";
    private static final String OTHER_KEY = "lk-bbbbbbbbbbbbbbbbbbbb";
    private final Snapshot keyLocked =
        accomplished()
            .withLock(new SnapshotLock(LockMode.KEY, T0, 0, new LockTerm.Days(10), T0, KEY, 1));

    private LockSnapshotCommand keyDays(int days) {
      return new LockSnapshotCommand(
          Fixtures.REGION, Fixtures.ID, LockMode.KEY, new LockTerm.Days(days), 0, "backup-key");
    }

    private Decision<Snapshot> lockWith(
        Snapshot snapshot, LockSnapshotCommand command, Decision<String> key, Instant now) {
      return SnapshotLockDecisions.lock(snapshot, command, key, now);
    }

    @Test
    void aFreshKeyLockStoresTheKeysIdAndHasStatusKey() {
      SnapshotLock lock =
          accepted(lockWith(accomplished(), keyDays(10), Decision.accept(KEY), T0)).lock();

      assertEquals(new SnapshotLock(LockMode.KEY, T0, 0, new LockTerm.Days(10), T0, KEY, 1), lock);
      assertEquals(LockStatus.KEY, lock.statusAt(at(days(10)).minusMillis(1)));
      assertEquals(LockStatus.EXPIRED, lock.statusAt(at(days(10))));
    }

    @Test
    void aKeyThatMayNotLockIsRefusedWithItsOwnReason() {
      Rejection disabled =
          Rejection.of(Reason.LOCK_KEY_DISABLED, "disabled", Map.of("lock_key_id", KEY));
      assertEquals(
          disabled,
          rejected(
              lockWith(accomplished(), keyDays(10), Decision.reject(disabled), T0),
              Reason.LOCK_KEY_DISABLED));
    }

    @Test
    void aKeyLockIsExtendedWithItsOwnKeyToALaterExpiry() {
      SnapshotLock extended =
          accepted(lockWith(keyLocked, keyDays(11), Decision.accept(KEY), at(days(1)))).lock();

      assertEquals(
          new SnapshotLock(LockMode.KEY, T0, 0, new LockTerm.Days(11), T0, KEY, 2), extended);
    }

    @Test
    void anExtensionByExpireTimeKeepsTheLocksCreationAndKey() {
      SnapshotLock extended =
          accepted(
                  lockWith(
                      keyLocked,
                      new LockSnapshotCommand(
                          Fixtures.REGION,
                          Fixtures.ID,
                          LockMode.KEY,
                          new LockTerm.Until(at(days(20))),
                          0,
                          KEY),
                      Decision.accept(KEY),
                      at(days(1))))
              .lock();

      assertEquals(at(days(20)), extended.expireTime().orElseThrow());
      assertEquals(T0, extended.creationTime());
      assertEquals(KEY, extended.lockKeyId());
      assertEquals(2, extended.version());
    }

    @Test
    void aKeyLockCannotBeShortenedNorKeptAtItsExpiry() {
      for (int days : new int[] {9, 10}) {
        Rejection rejection =
            rejected(
                lockWith(keyLocked, keyDays(days), Decision.accept(KEY), at(days(1))),
                Reason.SNAPSHOT_LOCKED);
        assertEquals(
            Map.of("lock_status", "KEY", "lock_expired_time", "2030-01-11T00:00:00Z"),
            rejection.metadata());
      }
    }

    @Test
    void anotherKeyCannotExtendAKeyLock() {
      rejected(
          lockWith(keyLocked, keyDays(20), Decision.accept(OTHER_KEY), at(days(1))),
          Reason.SNAPSHOT_LOCKED);
    }

    @Test
    void aKeyLockCannotChangeMode() {
      rejected(
          lock(keyLocked, lockDays(LockMode.COMPLIANCE, 20, 0), at(days(1))),
          Reason.SNAPSHOT_LOCKED);
      rejected(
          lock(keyLocked, lockDays(LockMode.GOVERNANCE, 20, 0), at(days(1))),
          Reason.SNAPSHOT_LOCKED);
    }

    @Test
    void itsOwnKeyOnceDisabledCannotExtendIt() {
      Rejection disabled =
          Rejection.of(Reason.LOCK_KEY_DISABLED, "disabled", Map.of("lock_key_id", KEY));
      rejected(
          lockWith(keyLocked, keyDays(20), Decision.reject(disabled), at(days(1))),
          Reason.LOCK_KEY_DISABLED);
    }

    @Test
    void anExpiredKeyLockIsReplacedByAnyNewLock() {
      SnapshotLock governance =
          locked(keyLocked, lockDays(LockMode.GOVERNANCE, 5, 0), at(days(10))).lock();
      assertEquals(LockMode.GOVERNANCE, governance.mode());
      assertNull(governance.lockKeyId());
      assertEquals(2, governance.version());

      SnapshotLock otherKey =
          accepted(lockWith(keyLocked, keyDays(5), Decision.accept(OTHER_KEY), at(days(10))))
              .lock();
      assertEquals(OTHER_KEY, otherKey.lockKeyId());
      assertEquals(at(days(10)), otherKey.creationTime());
    }

    @Test
    void aGovernanceLockMaySwitchToKey() {
      Snapshot governed = locked(accomplished(), lockDays(LockMode.GOVERNANCE, 5, 0), T0);
      SnapshotLock keyed =
          accepted(lockWith(governed, keyDays(5), Decision.accept(KEY), at(days(1)))).lock();
      assertEquals(LockMode.KEY, keyed.mode());
      assertEquals(KEY, keyed.lockKeyId());
    }

    @Test
    void aKeyLockIsRemovedOnlyWhenTheSignatureIsAccepted() {
      Rejection bad = Rejection.of(Reason.INVALID_UNLOCK_SIGNATURE, "not signed");
      assertEquals(
          bad,
          rejected(
              SnapshotLockDecisions.unlock(
                  keyLocked, Fixtures.unlock(), Decision.reject(bad), at(days(1))),
              Reason.INVALID_UNLOCK_SIGNATURE));

      UnlockedSnapshot unlocked =
          accepted(
              SnapshotLockDecisions.unlock(
                  keyLocked, Fixtures.unlock(), Decision.accept("signed"), at(days(1))));
      assertNull(unlocked.snapshot().lock());
      assertEquals(keyLocked.lock(), unlocked.removedLock());
    }

    @Test
    void anExpiredKeyLockIsNotLocked() {
      rejected(
          Fixtures.unlock(keyLocked, Fixtures.unlock(), at(days(10))), Reason.SNAPSHOT_NOT_LOCKED);
    }
  }
}
