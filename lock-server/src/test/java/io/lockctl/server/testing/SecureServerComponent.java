package io.lockctl.server.testing;

import dagger.BindsInstance;
import dagger.Component;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.clock.SettableTicker;
import io.lockctl.server.LockctlModule;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The production wiring, TLS and authentication included, with the test store and {@link WhoAmI}
 * added: for tests over real TLS connections that need to see the principal.
 */
@Singleton
@Component(modules = {LockctlModule.class, TestStorageModule.class, WhoAmIModule.class})
public interface SecureServerComponent {
  LockctlServer server();

  @Component.Factory
  interface Factory {
    SecureServerComponent create(
        @BindsInstance ServerConfig config,
        @BindsInstance SettableClock clock,
        @BindsInstance Optional<SettableTicker> ticker);
  }
}
