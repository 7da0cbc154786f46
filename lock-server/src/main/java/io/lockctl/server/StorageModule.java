package io.lockctl.server;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.postgres.PostgresStore;
import io.lockctl.core.store.sqlite.SqliteStore;
import jakarta.inject.Singleton;

/**
 * Production time and storage: the system's UTC clock, checked against the monotonic clock, and the
 * embedded store in the data dir or, when a PostgreSQL URL is configured, the store shared with
 * other replicas there.
 */
@Module
public interface StorageModule {
  @Provides
  @Singleton
  static ComplianceClock complianceClock(ServerConfig config) {
    return ComplianceClock.system(config.maxClockStep());
  }

  @Provides
  @Singleton
  static Store store(ServerConfig config, ComplianceClock clock) {
    return config.postgresUrl() != null
        ? PostgresStore.open(config.postgresUrl(), clock)
        : SqliteStore.open(config.dataDir(), clock, config.acceptStoreLoss());
  }
}
