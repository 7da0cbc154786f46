package io.lockctl.server.rpc;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.ServerInterceptor;

/** Interceptors applied to every lockctl service; each contributes itself to the set. */
@Module
public interface InterceptorsModule {
  @Binds
  @IntoSet
  ServerInterceptor caller(CallerInterceptor interceptor);
}
