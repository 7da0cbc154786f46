package io.lockctl.server.http;

import dagger.Module;
import dagger.multibindings.Multibinds;
import io.lockctl.server.http.ecs.EcsModule;
import io.lockctl.server.http.qumulo.QumuloModule;
import io.lockctl.server.http.rbin.RbinModule;
import java.util.Set;

/** The HTTP edge's APIs: each anchor's module adds its {@link HttpApi} to this set. */
@Module(includes = {RbinModule.class, QumuloModule.class, EcsModule.class})
public interface HttpModule {
  @Multibinds
  Set<HttpApi> apis();
}
