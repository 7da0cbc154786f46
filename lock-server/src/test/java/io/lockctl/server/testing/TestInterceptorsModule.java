package io.lockctl.server.testing;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.ServerInterceptor;

/** Test-only interceptors, added to the production set the way production adds its own. */
@Module
public interface TestInterceptorsModule {
  @Binds
  @IntoSet
  ServerInterceptor startedCalls(StartedCalls startedCalls);

  @Binds
  @IntoSet
  ServerInterceptor lostResponses(LostResponses lostResponses);
}
