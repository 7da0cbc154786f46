package io.lockctl.core.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An independent, deliberately plain restatement of SPEC.md sections 1-2 for one region, for the
 * property test to compare the real service against. It shares no code with the domain: every rule
 * is written out again here, as a reader of the spec would write it.
 */
final class SnapshotModel {
  static final String OK = "OK";

  /** The view both the model and the service are projected on after every step. */
  record View(
      SnapshotStatus status,
      int retentionDays,
      boolean shared,
      Map<String, String> tags,
      LockMode lockMode,
      LockStatus lockStatus,
      Instant lockExpiry) {}

  private static final class Snap {
    SnapshotStatus status;
    int retentionDays;
    boolean shared;
    String managedBy;
    Instant created;
    Map<String, String> tags;
    Lock lock;
  }

  private static final class Lock {
    LockMode mode;
    Instant created;
    int coolOffHours;
    int days; // 0 when set with an expire time
    Instant until; // null when set with days
    Instant start; // null while pending
  }

  private final Map<String, Snap> snaps = new HashMap<>();

  Map<String, View> views(Instant now) {
    Map<String, View> views = new HashMap<>();
    snaps.forEach(
        (id, s) ->
            views.put(
                id,
                new View(
                    s.status,
                    s.retentionDays,
                    s.shared,
                    s.tags,
                    s.lock == null ? null : s.lock.mode,
                    s.lock == null ? null : status(s.lock, now),
                    s.lock == null ? null : end(s.lock))));
    return views;
  }

  private static Instant end(Lock lock) {
    if (lock.until != null) {
      return lock.until;
    }
    return lock.start == null ? null : lock.start.plus(Duration.ofDays(lock.days));
  }

  private static Instant earliestEnd(Lock lock, Instant now) {
    Instant end = end(lock);
    return end != null ? end : now.plus(Duration.ofDays(lock.days));
  }

  private static LockStatus status(Lock lock, Instant now) {
    Instant end = end(lock);
    if (end != null && !now.isBefore(end)) {
      return LockStatus.EXPIRED;
    }
    if (lock.mode == LockMode.GOVERNANCE) {
      return LockStatus.GOVERNANCE;
    }
    if (lock.coolOffHours > 0
        && now.isBefore(lock.created.plus(Duration.ofHours(lock.coolOffHours)))) {
      return LockStatus.COMPLIANCE_COOLOFF;
    }
    return LockStatus.COMPLIANCE;
  }

  private static boolean active(Snap s, Instant now) {
    return s.lock != null && status(s.lock, now) != LockStatus.EXPIRED;
  }

  String register(
      String id,
      SnapshotStatus status,
      int retentionDays,
      boolean shared,
      String managedBy,
      Map<String, String> tags,
      Instant createTime,
      Instant now) {
    if (createTime.isAfter(now) || reservedTagKey(tags)) {
      return "INVALID_PARAMETER";
    }
    if (snaps.containsKey(id)) {
      return "SNAPSHOT_ALREADY_EXISTS";
    }
    Snap s = new Snap();
    s.status = status;
    s.retentionDays = retentionDays;
    s.shared = shared;
    s.managedBy = managedBy;
    s.created = createTime;
    s.tags = tags;
    snaps.put(id, s);
    return OK;
  }

  String lock(String id, LockMode mode, int days, Instant until, int coolOffHours, Instant now) {
    if (mode == null) {
      return "INVALID_LOCK_MODE";
    }
    if (until == null ? days < 1 || days > 36500 : !until.isAfter(now)) {
      return "INVALID_LOCK_DURATION";
    }
    if (coolOffHours < 0
        || coolOffHours > 72
        || (coolOffHours != 0 && mode != LockMode.COMPLIANCE)) {
      return "INVALID_COOL_OFF_PERIOD";
    }
    Snap s = snaps.get(id);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (s.status == SnapshotStatus.FAILED) {
      return "SNAPSHOT_NOT_AVAILABLE";
    }
    if (!s.managedBy.isEmpty()) {
      return "RESOURCE_MANAGED_BY_PRODUCT";
    }
    if (s.shared) {
      return "SHARED_SNAPSHOT_UNSUPPORTED";
    }
    Lock next = new Lock();
    next.mode = mode;
    next.coolOffHours = coolOffHours;
    next.days = until == null ? days : 0;
    next.until = until;
    if (s.lock != null && status(s.lock, now) == LockStatus.COMPLIANCE) {
      if (mode != LockMode.COMPLIANCE || coolOffHours != 0) {
        return "COOL_OFF_PERIOD_EXPIRED";
      }
      next.created = s.lock.created;
      next.start = s.lock.start;
      Instant currentEnd = end(s.lock);
      boolean later =
          currentEnd == null
              ? until == null && s.lock.until == null && days > s.lock.days
              : earliestEnd(next, now).isAfter(currentEnd);
      if (!later) {
        return "COOL_OFF_PERIOD_EXPIRED";
      }
    } else {
      next.created = now;
      next.start = s.status == SnapshotStatus.ACCOMPLISHED ? now : null;
    }
    Duration term = until == null ? Duration.ofDays(days) : Duration.between(now, until);
    if (coolOffHours > 0 && Duration.ofHours(coolOffHours).compareTo(term) >= 0) {
      return "COOL_OFF_EXCEEDS_LOCK_DURATION";
    }
    if (s.retentionDays > 0
        && earliestEnd(next, now).isAfter(s.created.plus(Duration.ofDays(s.retentionDays)))) {
      return "LOCK_DURATION_EXCEEDS_RETENTION";
    }
    s.lock = next;
    return OK;
  }

  String unlock(String id, Instant now) {
    Snap s = snaps.get(id);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (!active(s, now)) {
      return "SNAPSHOT_NOT_LOCKED";
    }
    if (status(s.lock, now) == LockStatus.COMPLIANCE) {
      return "COOL_OFF_PERIOD_EXPIRED";
    }
    s.lock = null;
    return OK;
  }

  String updateStatus(String id, SnapshotStatus to, Instant now) {
    Snap s = snaps.get(id);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (s.status == to) {
      return OK;
    }
    if (s.status != SnapshotStatus.PROGRESSING || to == SnapshotStatus.PROGRESSING) {
      return "INVALID_SNAPSHOT_STATUS_TRANSITION";
    }
    if (to == SnapshotStatus.FAILED && active(s, now)) {
      return "SNAPSHOT_LOCKED";
    }
    if (to == SnapshotStatus.ACCOMPLISHED && s.lock != null && s.lock.start == null) {
      s.lock.start = now;
    }
    s.status = to;
    return OK;
  }

  String updateRetention(String id, int days, Instant now) {
    if (days < 0 || days > 65536) {
      return "INVALID_PARAMETER";
    }
    Snap s = snaps.get(id);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (days != 0
        && active(s, now)
        && s.created.plus(Duration.ofDays(days)).isBefore(earliestEnd(s.lock, now))) {
      return "SNAPSHOT_LOCKED";
    }
    s.retentionDays = days;
    return OK;
  }

  String updateShared(String id, boolean shared, Instant now) {
    Snap s = snaps.get(id);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (shared && active(s, now)) {
      return "SNAPSHOT_LOCKED";
    }
    s.shared = shared;
    return OK;
  }

  String updateTags(String id, Map<String, String> tags) {
    if (reservedTagKey(tags)) {
      return "INVALID_PARAMETER";
    }
    Snap s = snaps.get(id);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    s.tags = tags;
    return OK;
  }

  private static boolean reservedTagKey(Map<String, String> tags) {
    return tags.keySet().stream().anyMatch(k -> k.startsWith("aws:") || k.startsWith("acs:"));
  }

  String delete(String id, Instant now) {
    Snap s = snaps.get(id);
    if (s == null) {
      return "SNAPSHOT_NOT_FOUND";
    }
    if (active(s, now)) {
      return "SNAPSHOT_LOCKED";
    }
    snaps.remove(id);
    return OK;
  }
}
