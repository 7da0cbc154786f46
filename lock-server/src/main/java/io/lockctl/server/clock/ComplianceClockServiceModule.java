package io.lockctl.server.clock;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;

/** Contributes lockctl.v1.ComplianceClockService to the server. */
@Module
public interface ComplianceClockServiceModule {
  @Binds
  @IntoSet
  BindableService complianceClockService(ComplianceClockGrpcService service);
}
