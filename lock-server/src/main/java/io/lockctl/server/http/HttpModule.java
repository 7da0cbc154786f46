package io.lockctl.server.http;

import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Set;

/** The HTTP edge's APIs: each anchor's module adds its {@link HttpApi} to this set. */
@Module
public interface HttpModule {
  @Multibinds
  Set<HttpApi> apis();
}
