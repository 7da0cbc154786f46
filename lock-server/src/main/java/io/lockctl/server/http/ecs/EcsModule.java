package io.lockctl.server.http.ecs;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.lockctl.server.http.HttpApi;

/** Contributes Alibaba Cloud ECS's snapshot-lock actions to the HTTP edge. */
@Module
public interface EcsModule {
  @Binds
  @IntoSet
  HttpApi ecs(EcsApi api);
}
