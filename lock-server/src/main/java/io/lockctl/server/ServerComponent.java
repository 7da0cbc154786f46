package io.lockctl.server;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** The production server: every service, the system clock and the embedded store. */
@Singleton
@Component(modules = {LockctlModule.class, StorageModule.class})
public interface ServerComponent {
  LockctlServer server();

  @Component.Factory
  interface Factory {
    ServerComponent create(@BindsInstance ServerConfig config);
  }
}
