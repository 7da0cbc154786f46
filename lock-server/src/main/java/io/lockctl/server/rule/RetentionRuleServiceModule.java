package io.lockctl.server.rule;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;

/** Contributes lockctl.v1.RetentionRuleService to the server. */
@Module
public interface RetentionRuleServiceModule {
  @Binds
  @IntoSet
  BindableService retentionRuleService(RetentionRuleGrpcService service);
}
