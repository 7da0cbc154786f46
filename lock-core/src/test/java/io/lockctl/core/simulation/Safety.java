package io.lockctl.core.simulation;

import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.simulation.Model.Where;
import io.lockctl.core.simulation.Observation.Observed;
import io.lockctl.core.snapshot.DeletedSnapshot;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The promises lockctl makes, checked on what the system itself answered, step after step and
 * without the model: a compliance lock past its cool-off never loosens or disappears before its
 * expiry; a KEY lock neither, unless a signed unlock removed it; a snapshot with an active lock is
 * never deleted; a LOCKED or PENDING_UNLOCK rule is never changed or deleted; a snapshot the
 * recycle bin took stays readable there until its retain_until (unless restored); and a call that
 * carried nothing out (refused, a dry run, an idempotent replay, a read) changes nothing.
 * Time-dependent states are worked out here from the stored fields, not with the system's own
 * methods.
 */
final class Safety {
  private record KeyPromise(String keyId, Instant until) {}

  private final Map<Where, Instant> compliance = new TreeMap<>();
  private final Map<Where, KeyPromise> keyLocks = new TreeMap<>();
  private final Map<Where, Instant> recycleBin = new TreeMap<>();
  private Where unlocked;

  /** A DeleteSnapshot was carried out. */
  void deleted(Where where, DeletedSnapshot result) {
    if (result.retainUntil() != null) {
      recycleBin.put(where, result.retainUntil());
    }
  }

  /** A RestoreSnapshot was carried out. */
  void restored(Where where) {
    recycleBin.remove(where);
  }

  /** An UnlockSnapshot was carried out (with the signature a KEY lock needs, if it was one). */
  void unlocked(Where where) {
    unlocked = where;
  }

  void check(Step step, Observed before, Observed after, boolean changes) {
    Instant now = after.at();
    if (!changes && !before.sameAs(after)) {
      fail("nothing changes", "a call that carried nothing out changed something", step);
    }
    for (Map.Entry<Where, Snapshot> entry : before.snapshots().entrySet()) {
      SnapshotLock lock = entry.getValue().lock();
      Snapshot afterwards = after.snapshots().get(entry.getKey());
      if (lock != null
          && active(lock, now)
          && (afterwards == null || afterwards.state() != SnapshotState.ACTIVE)) {
        fail("locked snapshots stay", entry.getKey() + " was deleted under an active lock", step);
      }
    }
    for (Map.Entry<Where, RetentionRule> entry : before.rules().entrySet()) {
      RetentionRule rule = entry.getValue();
      boolean locked =
          rule.lockConfiguration() != null
              && (rule.lockEndTime() == null || now.isBefore(rule.lockEndTime()));
      if (locked && !sameContent(rule, after.rules().get(entry.getKey()))) {
        fail("locked rules stay", entry.getKey() + " changed or went while locked", step);
      }
    }
    checkLocks(step, after, now);
    for (Iterator<Map.Entry<Where, Instant>> promises = recycleBin.entrySet().iterator();
        promises.hasNext(); ) {
      Map.Entry<Where, Instant> promise = promises.next();
      if (!now.isBefore(promise.getValue())) {
        promises.remove();
        continue;
      }
      Snapshot binned = after.snapshots().get(promise.getKey());
      if (binned == null
          || binned.state() != SnapshotState.IN_RECYCLE_BIN
          || !promise.getValue().equals(binned.retainUntil())) {
        fail(
            "the recycle bin keeps",
            promise.getKey() + " left the recycle bin before " + promise.getValue() + ": " + binned,
            step);
      }
    }
    unlocked = null;
  }

  /** Compliance and KEY locks seen so far must still hold as long as they promised. */
  private void checkLocks(Step step, Observed after, Instant now) {
    compliance.values().removeIf(until -> !now.isBefore(until));
    keyLocks.values().removeIf(promise -> !now.isBefore(promise.until()));
    if (unlocked != null) {
      keyLocks.remove(unlocked);
    }
    compliance.forEach(
        (where, until) -> {
          SnapshotLock lock = lockOf(after, where);
          if (lock == null
              || lock.mode() != LockMode.COMPLIANCE
              || inCoolOff(lock, now)
              || earliestExpiry(lock, now).isBefore(until)) {
            fail("compliance locks hold", where + " loosened before " + until, step);
          }
        });
    keyLocks.forEach(
        (where, promise) -> {
          SnapshotLock lock = lockOf(after, where);
          if (lock == null
              || lock.mode() != LockMode.KEY
              || !Objects.equals(lock.lockKeyId(), promise.keyId())
              || earliestExpiry(lock, now).isBefore(promise.until())) {
            fail("KEY locks hold", where + " loosened before " + promise.until(), step);
          }
        });
    after
        .snapshots()
        .forEach(
            (where, snapshot) -> {
              SnapshotLock lock = snapshot.lock();
              if (lock == null || !active(lock, now)) {
                return;
              }
              Instant until = earliestExpiry(lock, now);
              if (lock.mode() == LockMode.COMPLIANCE && !inCoolOff(lock, now)) {
                compliance.merge(where, until, Safety::later);
              } else if (lock.mode() == LockMode.KEY) {
                KeyPromise promised = keyLocks.get(where);
                keyLocks.put(
                    where,
                    new KeyPromise(
                        lock.lockKeyId(),
                        promised == null ? until : later(until, promised.until())));
              }
            });
  }

  private static SnapshotLock lockOf(Observed observed, Where where) {
    Snapshot snapshot = observed.snapshots().get(where);
    return snapshot == null || snapshot.state() != SnapshotState.ACTIVE ? null : snapshot.lock();
  }

  private static boolean sameContent(RetentionRule before, RetentionRule after) {
    return after != null
        && before.description().equals(after.description())
        && before.resourceType() == after.resourceType()
        && before.retentionPeriodDays() == after.retentionPeriodDays()
        && before.resourceTags().equals(after.resourceTags())
        && before.excludeResourceTags().equals(after.excludeResourceTags());
  }

  private static Instant expiry(SnapshotLock lock) {
    if (lock.term() instanceof LockTerm.Until until) {
      return until.expireTime();
    }
    Instant start = lock.durationStartTime();
    return start == null ? null : start.plus(Duration.ofDays(((LockTerm.Days) lock.term()).days()));
  }

  private static Instant earliestExpiry(SnapshotLock lock, Instant now) {
    Instant expiry = expiry(lock);
    return expiry != null
        ? expiry
        : now.plus(Duration.ofDays(((LockTerm.Days) lock.term()).days()));
  }

  private static boolean active(SnapshotLock lock, Instant now) {
    Instant expiry = expiry(lock);
    return expiry == null || now.isBefore(expiry);
  }

  private static boolean inCoolOff(SnapshotLock lock, Instant now) {
    return lock.coolOffHours() > 0
        && now.isBefore(lock.creationTime().plus(Duration.ofHours(lock.coolOffHours())));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static void fail(String invariant, String what, Step step) {
    throw new Divergence("invariant: " + invariant, what + " (by " + step + ")");
  }
}
