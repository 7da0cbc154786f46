package io.lockctl.server.metrics;

import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.store.Store;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Snapshot locks by status, counted in the store. A scrape reads every status' gauge; one count
 * serves them all for a second, so a scrape costs one query.
 */
@Singleton
final class LockCensus {
  private static final long FRESH_NANOS = 1_000_000_000L;

  private final Store store;
  private Map<LockStatus, Long> counts = new EnumMap<>(LockStatus.class); // guarded by this
  private long countedAt = Long.MIN_VALUE; // guarded by this

  @Inject
  LockCensus(Store store) {
    this.store = store;
  }

  void register(MeterRegistry registry) {
    for (LockStatus status : LockStatus.values()) {
      Gauge.builder("lockctl.locks", this, census -> census.count(status))
          .description("Locked snapshots by the lock's status now")
          .tag("kind", "snapshot")
          .tag("status", status.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(registry);
    }
  }

  private synchronized double count(LockStatus status) {
    long now = System.nanoTime();
    if (countedAt == Long.MIN_VALUE || now - countedAt > FRESH_NANOS) {
      counts = store.read(tx -> tx.snapshots().countLocks(tx.now()));
      countedAt = now;
    }
    return counts.getOrDefault(status, 0L);
  }
}
