package io.lockctl.server.snapshot;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;

/** Contributes lockctl.v1.SnapshotService to the server. */
@Module
public interface SnapshotServiceModule {
  @Binds
  @IntoSet
  BindableService snapshotService(SnapshotGrpcService service);
}
