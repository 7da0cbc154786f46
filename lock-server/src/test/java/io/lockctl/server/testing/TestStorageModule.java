package io.lockctl.server.testing;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.clock.SettableTicker;
import io.lockctl.core.store.Store;
import io.lockctl.server.ServerConfig;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Test time and storage: the real store (embedded, or PostgreSQL: see {@link TestStores}) named by
 * the test's temp dir, on a clock the test moves.
 */
@Module
public interface TestStorageModule {
  @Provides
  @Singleton
  static ComplianceClock complianceClock(
      SettableClock system, Optional<SettableTicker> ticker, ServerConfig config) {
    return ticker
        .map(monotonic -> new ComplianceClock(system, monotonic, config.maxClockStep()))
        .orElseGet(() -> new ComplianceClock(system));
  }

  @Provides
  @Singleton
  static Store store(ServerConfig config, ComplianceClock clock) {
    return TestStores.open(config.dataDir(), clock);
  }
}
