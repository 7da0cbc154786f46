package io.lockctl.server;

import dagger.Module;
import dagger.Provides;
import io.lockctl.server.auth.Authenticator;
import io.lockctl.server.auth.ServerSecurity;
import jakarta.inject.Singleton;
import java.time.Clock;

/** TLS and caller authentication, from the configuration's security settings. */
@Module
public interface SecurityModule {
  /**
   * Reads the certificate, key, CA and JWKS files when first asked for, which {@link Main} does
   * before it opens the store, so that a bad file is reported as such.
   */
  @Provides
  @Singleton
  static ServerSecurity serverSecurity(ServerConfig config) {
    return ServerSecurity.open(config.security(), Clock.systemUTC());
  }

  @Provides
  static Authenticator authenticator(ServerSecurity security) {
    return security.authenticator();
  }
}
