package io.lockctl.core.store;

import java.time.Duration;

/**
 * The housekeeping every store needs now and then, each a unit of write work. The durable stores
 * schedule them in the background; the in-memory store runs none by itself, so a test or a
 * simulation runs them when it chooses, at the time it set.
 */
public final class StoreMaintenance {
  /** Records must live at least 24 hours; the extra hour keeps that true at the edges. */
  public static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(25);

  private StoreMaintenance() {}

  /**
   * Forgets idempotency records older than {@link #IDEMPOTENCY_RETENTION}, and the records of used
   * unlock challenges that expired (an expired challenge unlocks nothing, used or not); returns how
   * many records went.
   */
  public static int purgeExpiredRecords(StoreWrites tx) {
    return tx.idempotency().deleteCreatedBefore(tx.now().minus(IDEMPOTENCY_RETENTION))
        + tx.usedUnlockChallenges().deleteExpiredBefore(tx.now());
  }

  /**
   * Deletes the snapshots whose stay in the recycle bin is over; returns how many. Only storage is
   * freed: every read already treats them as gone from their {@code retain_until} on, so when this
   * runs (or whether it runs at all) changes no answer. As write work it never races a
   * RestoreSnapshot or a register of the same id: each sees the other's result in order.
   */
  public static int reclaimRecycleBin(StoreWrites tx) {
    return tx.snapshots().deleteGoneFromRecycleBin(tx.now());
  }
}
