package io.lockctl.server.metrics;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;

/**
 * The standard gRPC server metrics (Micrometer's: calls, messages and processing time per service,
 * method and status), recorded into the registry that {@code /metrics} exposes.
 */
@Module
public interface MetricsModule {
  @Provides
  @IntoSet
  static ServerInterceptor grpcMetrics(LockctlMetrics metrics) {
    return new MetricCollectingServerInterceptor(metrics.registry());
  }
}
