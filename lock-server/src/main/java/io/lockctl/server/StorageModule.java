package io.lockctl.server;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.sqlite.SqliteStore;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Production time and storage: the system's UTC clock and the embedded store in the data dir. */
@Module
public interface StorageModule {
  @Provides
  @Singleton
  static ComplianceClock complianceClock() {
    return new ComplianceClock(Clock.systemUTC());
  }

  @Provides
  @Singleton
  static Store store(ServerConfig config, ComplianceClock clock) {
    return SqliteStore.open(config.dataDir(), clock);
  }
}
