package io.lockctl.server.replication;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;

/** Contributes lockctl.v1.ReplicationService to the server. */
@Module
public interface ReplicationServiceModule {
  @Binds
  @IntoSet
  BindableService replicationService(ReplicationGrpcService service);
}
