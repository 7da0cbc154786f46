package io.lockctl.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Snapshots, commands and assertions shared by the decision tests; all times are explicit. */
final class Fixtures {
  static final String REGION = "cn-hangzhou";
  static final String ID = "s-0123456789abcdefghij";
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private Fixtures() {}

  static Instant at(Duration sinceT0) {
    return T0.plus(sinceT0);
  }

  static Duration days(long days) {
    return Duration.ofDays(days);
  }

  static Duration hours(long hours) {
    return Duration.ofHours(hours);
  }

  /** An unshared, unmanaged, untagged snapshot created at T0 and kept until deleted. */
  static Snapshot snapshot(SnapshotStatus status) {
    return new Snapshot(
        REGION, ID, status, 0, false, "", Map.of(), T0, SnapshotState.ACTIVE, null, null);
  }

  static Snapshot accomplished() {
    return snapshot(SnapshotStatus.ACCOMPLISHED);
  }

  static Snapshot progressing() {
    return snapshot(SnapshotStatus.PROGRESSING);
  }

  static LockSnapshotCommand lockDays(LockMode mode, int days, int coolOffHours) {
    return new LockSnapshotCommand(REGION, ID, mode, new LockTerm.Days(days), coolOffHours, "");
  }

  static LockSnapshotCommand lockUntil(LockMode mode, Instant expireTime, int coolOffHours) {
    return new LockSnapshotCommand(
        REGION, ID, mode, new LockTerm.Until(expireTime), coolOffHours, "");
  }

  static UnlockSnapshotCommand unlock() {
    return new UnlockSnapshotCommand(REGION, ID, "");
  }

  /** The lock decision for a command whose mode is not KEY (no key is involved). */
  static Decision<Snapshot> lock(Snapshot snapshot, LockSnapshotCommand command, Instant now) {
    return SnapshotLockDecisions.lock(snapshot, command, null, now);
  }

  /** The unlock decision for a snapshot without an active KEY lock (no signature is involved). */
  static Decision<UnlockedSnapshot> unlock(
      Snapshot snapshot, UnlockSnapshotCommand command, Instant now) {
    return SnapshotLockDecisions.unlock(snapshot, command, null, now);
  }

  /** {@code snapshot} locked by {@code command} at {@code now}, which must be accepted. */
  static Snapshot locked(Snapshot snapshot, LockSnapshotCommand command, Instant now) {
    return accepted(lock(snapshot, command, now));
  }

  static <T> T accepted(Decision<T> decision) {
    if (decision instanceof Decision.Rejected<T> rejected) {
      throw new AssertionError("expected acceptance, got " + rejected.rejection());
    }
    return ((Decision.Accepted<T>) decision).value();
  }

  static Rejection rejected(Decision<?> decision, Reason reason) {
    Decision.Rejected<?> rejected =
        assertInstanceOf(
            Decision.Rejected.class, decision, () -> "expected " + reason + ", got " + decision);
    assertEquals(reason, rejected.rejection().reason(), rejected.rejection()::message);
    return rejected.rejection();
  }

  static List<String> fields(Rejection rejection) {
    return rejection.violations().stream().map(FieldViolation::field).toList();
  }
}
