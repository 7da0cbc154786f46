package io.lockctl.server.audit;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;

/** Contributes lockctl.v1.AuditService to the server. */
@Module(includes = LockEventsModule.class)
public interface AuditServiceModule {
  @Binds
  @IntoSet
  BindableService auditService(AuditGrpcService service);
}
