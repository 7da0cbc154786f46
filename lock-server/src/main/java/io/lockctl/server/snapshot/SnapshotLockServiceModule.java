package io.lockctl.server.snapshot;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;

/** Contributes lockctl.v1.SnapshotLockService to the server. */
@Module
public interface SnapshotLockServiceModule {
  @Binds
  @IntoSet
  BindableService snapshotLockService(SnapshotLockGrpcService service);
}
