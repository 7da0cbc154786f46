package io.lockctl.core.snapshot;

import java.time.Instant;

/** How long a lock lasts: a number of days from its duration start, or until a fixed instant. */
public sealed interface LockTerm extends RequestedTerm {

  /** {@code days} (1-36500) counted from the lock's duration start. */
  record Days(int days) implements LockTerm {}

  /** Until {@code expireTime}, whatever the snapshot's progress. */
  record Until(Instant expireTime) implements LockTerm {}
}
