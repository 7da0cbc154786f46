package io.lockctl.server.crash;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotState;
import java.util.ArrayList;
import java.util.List;

/**
 * One snapshot id, written by one client only (so its calls are sequential), and what the server
 * acknowledged for it. A call whose answer was lost to a kill is "in doubt": after the restart the
 * snapshot must be as before that call or exactly as the call asked, never anything in between.
 *
 * <p>Touched by its client's thread during a server's life and by the test's thread between lives;
 * starting and joining the client threads orders the two.
 */
final class TrackedSnapshot {
  private static final long SECONDS_PER_DAY = 86_400;

  final String id;

  /** As acknowledged, without its lock; null until a register is acknowledged. */
  private Snapshot registered;

  /** As acknowledged; null until a lock is. */
  private LockedSnapshotInfo lock;

  /** How many lock calls took effect: each left one record in the audit log. */
  private int locksApplied;

  /** The request whose answer was lost; null when none. */
  private Message inDoubt;

  TrackedSnapshot(String id) {
    this.id = id;
  }

  Snapshot registered() {
    return registered;
  }

  LockedSnapshotInfo lock() {
    return lock;
  }

  /** Registered and not in doubt: a snapshot the client may lock. */
  boolean lockable() {
    return registered != null && inDoubt == null;
  }

  void acknowledgedRegister(Snapshot snapshot) {
    registered = snapshot;
  }

  void acknowledgedLock(LockedSnapshotInfo info) {
    lock = info;
    locksApplied++;
  }

  /** The accepted changes the audit log must hold for this snapshot, as "action" lines. */
  List<String> changes() {
    List<String> changes = new ArrayList<>();
    if (registered != null) {
      changes.add("lockctl:RegisterSnapshot");
    }
    for (int n = 0; n < locksApplied; n++) {
      changes.add("lockctl:LockSnapshot");
    }
    return changes;
  }

  boolean inDoubt() {
    return inDoubt != null;
  }

  void inDoubt(Message request) {
    inDoubt = request;
  }

  /** The snapshot a register request describes, as lockctl stores it. */
  static Snapshot expected(RegisterSnapshotRequest request) {
    return Snapshot.newBuilder()
        .setRegionId(request.getRegionId())
        .setSnapshotId(request.getSnapshotId())
        .setStatus(request.getStatus())
        .setRetentionDays(request.getRetentionDays())
        .setShared(request.getShared())
        .setManagedBy(request.getManagedBy())
        .putAllTags(request.getTagsMap())
        .setCreateTime(request.getCreateTime())
        .setState(SnapshotState.SNAPSHOT_STATE_ACTIVE)
        .build();
  }

  /** Whether {@code info} is the lock {@code request} asks for (its times are the server's). */
  static boolean fulfils(LockedSnapshotInfo info, LockSnapshotRequest request) {
    return info.getSnapshotId().equals(request.getSnapshotId())
        && info.getLockMode() == request.getLockMode()
        && info.getCoolOffPeriodHours() == request.getCoolOffPeriodHours()
        && info.getLockDurationDays() == request.getLockDurationDays()
        && info.hasLockDurationStartTime()
        && info.getLockExpiredTime()
            .equals(plusDays(info.getLockDurationStartTime(), request.getLockDurationDays()));
  }

  /**
   * Checks {@code found} (null: NOT_FOUND) against what was acknowledged and what was in doubt,
   * then takes what was found as the new truth: an in-doubt call either happened or it did not.
   *
   * @return the violations, empty when none
   */
  List<String> reconcile(Snapshot found) {
    List<String> problems = new ArrayList<>();
    Message doubt = inDoubt;
    inDoubt = null;
    if (registered == null) {
      if (found == null) {
        return problems;
      }
      if (doubt instanceof RegisterSnapshotRequest request && found.equals(expected(request))) {
        registered = found;
      } else {
        problems.add(
            id
                + ": exists as "
                + found
                + " but its register was "
                + (doubt == null ? "never sent" : "in doubt: " + doubt));
      }
      return problems;
    }
    if (found == null) {
      problems.add(id + ": the acknowledged register of " + registered + " is lost");
      return problems;
    }
    Snapshot fields = found.toBuilder().clearLock().build();
    if (!fields.equals(registered)) {
      problems.add(id + ": fields changed from the acknowledged " + registered + " to " + fields);
    }
    LockedSnapshotInfo foundLock = found.hasLock() ? found.getLock() : null;
    if (sameLock(foundLock, lock)) {
      return problems;
    }
    if (doubt instanceof LockSnapshotRequest request
        && foundLock != null
        && fulfils(foundLock, request)
        && (lock == null || !isBefore(foundLock.getLockExpiredTime(), lock.getLockExpiredTime()))) {
      lock = foundLock;
      locksApplied++;
      return problems;
    }
    problems.add(
        id
            + ": lock acknowledged as "
            + lock
            + (doubt != null ? ", in doubt: " + doubt : "")
            + ", found "
            + foundLock);
    return problems;
  }

  /** Equal but for the status, which is computed at each read. */
  private static boolean sameLock(LockedSnapshotInfo a, LockedSnapshotInfo b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return a.toBuilder().clearLockStatus().build().equals(b.toBuilder().clearLockStatus().build());
  }

  static long millis(Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }

  private static boolean isBefore(Timestamp a, Timestamp b) {
    return millis(a) < millis(b);
  }

  private static Timestamp plusDays(Timestamp t, int days) {
    return t.toBuilder().setSeconds(t.getSeconds() + days * SECONDS_PER_DAY).build();
  }
}
