package io.lockctl.server;

import dagger.BindsInstance;
import dagger.Component;
import io.lockctl.core.auth.ReloadingPolicy;
import io.lockctl.server.auth.ServerSecurity;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The production server: every service, the system clock and the embedded store. */
@Singleton
@Component(modules = {LockctlModule.class, StorageModule.class})
public interface ServerComponent {
  LockctlServer server();

  /** TLS and authentication; asking for it reads the files the configuration names. */
  ServerSecurity security();

  /** The policy in force; asking for it reads the policy file, if one is configured. */
  Optional<ReloadingPolicy> policy();

  @Component.Factory
  interface Factory {
    ServerComponent create(@BindsInstance ServerConfig config);
  }
}
