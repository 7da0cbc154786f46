package io.lockctl.server;

import dagger.BindsInstance;
import dagger.Component;
import io.lockctl.server.auth.ServerSecurity;
import jakarta.inject.Singleton;

/** The production server: every service, the system clock and the embedded store. */
@Singleton
@Component(modules = {LockctlModule.class, StorageModule.class})
public interface ServerComponent {
  LockctlServer server();

  /** TLS and authentication; asking for it reads the files the configuration names. */
  ServerSecurity security();

  @Component.Factory
  interface Factory {
    ServerComponent create(@BindsInstance ServerConfig config);
  }
}
