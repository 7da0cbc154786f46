package io.lockctl.server.testing;

import dagger.BindsInstance;
import dagger.Component;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.clock.SettableTicker;
import io.lockctl.core.store.Store;
import io.lockctl.server.LockctlModule;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The production wiring with time and storage swapped, so tests exercise what production runs. */
@Singleton
@Component(modules = {LockctlModule.class, TestStorageModule.class, TestInterceptorsModule.class})
public interface TestServerComponent {
  LockctlServer server();

  /** The server's own store, for tests that need to hold its writer. */
  Store store();

  StartedCalls startedCalls();

  LostResponses lostResponses();

  @Component.Factory
  interface Factory {
    /**
     * With a {@code ticker}, the compliance clock follows {@code clock} as production's does
     * (within {@link ServerConfig#maxClockStep}, and real time from the ticker); without one, it
     * follows every move of {@code clock} at once, for tests that jump through time.
     */
    TestServerComponent create(
        @BindsInstance ServerConfig config,
        @BindsInstance SettableClock clock,
        @BindsInstance Optional<SettableTicker> ticker);
  }
}
