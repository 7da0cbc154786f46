package io.lockctl.core.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot's lock as stored. Its status is not stored: {@link #statusAt(Instant)} computes it
 * from these fields and the compliance time, so it is right on every read without a sweep.
 *
 * @param mode the mode it was set in
 * @param creationTime when it was created or last reset (a compliance extension keeps it)
 * @param coolOffHours 0-72; 0 for none
 * @param term its duration or fixed end
 * @param durationStartTime when a {@link LockTerm.Days} term started counting; {@code null} while
 *     the snapshot is still PROGRESSING
 * @param lockKeyId the key of a KEY lock; {@code null} otherwise
 * @param version incremented on every change of the lock; binds unlock challenges to one version
 */
public record SnapshotLock(
    LockMode mode,
    Instant creationTime,
    int coolOffHours,
    LockTerm term,
    Instant durationStartTime,
    String lockKeyId,
    long version) {

  /** When the cool-off ends, if there is one. */
  public Optional<Instant> coolOffEndTime() {
    return coolOffHours == 0
        ? Optional.empty()
        : Optional.of(creationTime.plus(Duration.ofHours(coolOffHours)));
  }

  /** When the lock expires; empty while a days-based term waits for its snapshot. */
  public Optional<Instant> expireTime() {
    if (term instanceof LockTerm.Until until) {
      return Optional.of(until.expireTime());
    }
    int days = ((LockTerm.Days) term).days();
    return Optional.ofNullable(durationStartTime).map(start -> start.plus(Duration.ofDays(days)));
  }

  /** The earliest the lock can expire: its expiry, or for a pending lock, {@code now + days}. */
  public Instant earliestExpireTime(Instant now) {
    return expireTime().orElseGet(() -> now.plus(Duration.ofDays(((LockTerm.Days) term).days())));
  }

  public LockStatus statusAt(Instant now) {
    Optional<Instant> expiry = expireTime();
    if (expiry.isPresent() && !now.isBefore(expiry.get())) {
      return LockStatus.EXPIRED;
    }
    return switch (mode) {
      case GOVERNANCE -> LockStatus.GOVERNANCE;
      case KEY -> LockStatus.KEY;
      case COMPLIANCE ->
          coolOffEndTime().filter(now::isBefore).isPresent()
              ? LockStatus.COMPLIANCE_COOLOFF
              : LockStatus.COMPLIANCE;
    };
  }

  /** Whether the lock still protects its snapshot at {@code now} (any status but EXPIRED). */
  public boolean isActiveAt(Instant now) {
    return statusAt(now) != LockStatus.EXPIRED;
  }

  /** The same lock with its days-based term starting at {@code start} (snapshot accomplished). */
  public SnapshotLock startedAt(Instant start) {
    return new SnapshotLock(mode, creationTime, coolOffHours, term, start, lockKeyId, version + 1);
  }
}
