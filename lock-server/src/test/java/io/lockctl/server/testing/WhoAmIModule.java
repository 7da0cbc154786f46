package io.lockctl.server.testing;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;

/** Adds {@link WhoAmI} to the services, the way each lockctl service adds itself. */
@Module
public interface WhoAmIModule {
  @Binds
  @IntoSet
  BindableService whoAmI(WhoAmI service);
}
