package io.lockctl.server.http.rbin;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.lockctl.server.http.HttpApi;

/** Contributes AWS Recycle Bin to the HTTP edge. */
@Module
public interface RbinModule {
  @Binds
  @IntoSet
  HttpApi rbin(RbinApi api);
}
