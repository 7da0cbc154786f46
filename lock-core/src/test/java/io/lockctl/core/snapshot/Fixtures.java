package io.lockctl.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.snapshotlock.SnapshotLockDecisions;
import io.lockctl.core.snapshotlock.UnlockSnapshotCommand;
import io.lockctl.core.snapshotlock.UnlockedSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Snapshots, commands and assertions shared by the decision tests; all times are explicit. */
public final class Fixtures {
  public static final String REGION = "cn-hangzhou";
  public static final String ID = "s-0123456789abcdefghij";
  public static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private Fixtures() {}

  public static Instant at(Duration sinceT0) {
    return T0.plus(sinceT0);
  }

  public static Duration days(long days) {
    return Duration.ofDays(days);
  }

  public static Duration hours(long hours) {
    return Duration.ofHours(hours);
  }

  /** An unshared, unmanaged, untagged snapshot created at T0 and kept until deleted. */
  public static Snapshot snapshot(SnapshotStatus status) {
    return new Snapshot(
        REGION, ID, status, 0, false, "", Map.of(), T0, SnapshotState.ACTIVE, null, null);
  }

  public static Snapshot accomplished() {
    return snapshot(SnapshotStatus.ACCOMPLISHED);
  }

  public static Snapshot progressing() {
    return snapshot(SnapshotStatus.PROGRESSING);
  }

  public static LockSnapshotCommand lockDays(LockMode mode, int days, int coolOffHours) {
    return new LockSnapshotCommand(REGION, ID, mode, new LockTerm.Days(days), coolOffHours, "");
  }

  public static LockSnapshotCommand lockUntil(LockMode mode, Instant expireTime, int coolOffHours) {
    return new LockSnapshotCommand(
        REGION, ID, mode, new LockTerm.Until(expireTime), coolOffHours, "");
  }

  public static UnlockSnapshotCommand unlock() {
    return new UnlockSnapshotCommand(REGION, ID, "");
  }

  /** The lock decision for a command whose mode is not KEY (no key is involved). */
  public static Decision<Snapshot> lock(
      Snapshot snapshot, LockSnapshotCommand command, Instant now) {
    return SnapshotLockDecisions.lock(snapshot, command, null, now);
  }

  /** The unlock decision for a snapshot without an active KEY lock (no signature is involved). */
  public static Decision<UnlockedSnapshot> unlock(
      Snapshot snapshot, UnlockSnapshotCommand command, Instant now) {
    return SnapshotLockDecisions.unlock(snapshot, command, null, now);
  }

  /** {@code snapshot} locked by {@code command} at {@code now}, which must be accepted. */
  public static Snapshot locked(Snapshot snapshot, LockSnapshotCommand command, Instant now) {
    return accepted(lock(snapshot, command, now));
  }

  public static <T> T accepted(Decision<T> decision) {
    if (decision instanceof Decision.Rejected<T> rejected) {
      throw new AssertionError("expected acceptance, got " + rejected.rejection());
    }
    return ((Decision.Accepted<T>) decision).value();
  }

  public static Rejection rejected(Decision<?> decision, Reason reason) {
    Decision.Rejected<?> rejected =
        assertInstanceOf(
            Decision.Rejected.class, decision, () -> "expected " + reason + ", got " + decision);
    assertEquals(reason, rejected.rejection().reason(), rejected.rejection()::message);
    return rejected.rejection();
  }

  public static List<String> fields(Rejection rejection) {
    return rejection.violations().stream().map(FieldViolation::field).toList();
  }
}
