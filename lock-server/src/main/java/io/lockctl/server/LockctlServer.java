package io.lockctl.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.StoreHealth;
import io.lockctl.server.auth.ServerSecurity;
import io.lockctl.server.rpc.CallExecutor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The gRPC server built from the services and interceptors the component contributes, plus health
 * and reflection, which are served without the interceptors (so without credentials). Health
 * follows the store's: SERVING while it can take writes, NOT_SERVING while writes fail, once the
 * store proved damaged, and from the start of a stop. It owns the store's lifecycle: a stop drains
 * calls before closing the store.
 */
@Singleton
public final class LockctlServer {
  private static final Logger LOG = Logger.getLogger(LockctlServer.class.getName());
  private static final int MAX_INBOUND_MESSAGE_BYTES = 1 << 20;
  private static final int MAX_INBOUND_METADATA_BYTES = 16 << 10;

  /** After the grace period, cancelled calls get this long to unwind before the store closes. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

  private final ServerConfig config;
  private final Set<BindableService> services;
  private final List<ServerInterceptor> interceptors;
  private final Store store;
  private final CallExecutor executor;
  private final ServerSecurity security;
  private final HealthStatusManager health = new HealthStatusManager();
  private volatile Server server;
  private boolean stopped;

  @Inject
  LockctlServer(
      ServerConfig config,
      Set<BindableService> services,
      Set<ServerInterceptor> interceptors,
      Store store,
      CallExecutor executor,
      ServerSecurity security) {
    this.config = config;
    this.services = services;
    this.interceptors = List.copyOf(interceptors);
    this.store = store;
    this.executor = executor;
    this.security = security;
  }

  /**
   * Listens on the configured host and port, in plaintext or TLS as configured; returns the bound
   * port (useful with port 0).
   */
  public synchronized int start() throws IOException {
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(config.host(), config.port()), security.serverCredentials())
            // find dead clients without waiting for TCP, and let clients probe us as often as every
            // 10s
            .keepAliveTime(1, TimeUnit.MINUTES)
            .keepAliveTimeout(20, TimeUnit.SECONDS)
            .permitKeepAliveTime(10, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true);
    return start(builder).getPort();
  }

  /** The same server on gRPC's in-process transport under {@code name}, for tests. */
  public synchronized void startInProcess(String name) throws IOException {
    start(InProcessServerBuilder.forName(name));
  }

  private Server start(ServerBuilder<?> builder) throws IOException {
    if (server != null || stopped) {
      throw new IllegalStateException("a server starts once");
    }
    builder
        .executor(executor)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .maxInboundMetadataSize(MAX_INBOUND_METADATA_BYTES);
    List<String> serviceNames = new ArrayList<>();
    for (BindableService service : services) {
      ServerServiceDefinition definition = ServerInterceptors.intercept(service, interceptors);
      builder.addService(definition);
      serviceNames.add(definition.getServiceDescriptor().getName());
    }
    addInfrastructure(builder);
    server = builder.build().start();
    serviceNames.add("");
    // After a stop the health service is terminal and ignores these.
    store
        .health()
        .onChange(
            condition -> {
              ServingStatus status =
                  condition == StoreHealth.Condition.SERVING
                      ? ServingStatus.SERVING
                      : ServingStatus.NOT_SERVING;
              serviceNames.forEach(name -> health.setStatus(name, status));
            });
    return server;
  }

  // v1alpha reflection is deprecated, but grpcurl and ghz releases still in use only speak it
  @SuppressWarnings("deprecation")
  private void addInfrastructure(ServerBuilder<?> builder) {
    builder
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ProtoReflectionService.newInstance());
  }

  /** Blocks until the server has stopped. */
  public void awaitTermination() throws InterruptedException {
    Server running = server;
    if (running == null) {
      throw new IllegalStateException("not started");
    }
    running.awaitTermination();
  }

  /**
   * Stops gracefully: health turns NOT_SERVING, new calls are refused, calls in flight get up to
   * {@code grace} to finish and are cancelled after that; then the store closes. Later calls do
   * nothing.
   */
  public synchronized void stop(Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    health.enterTerminalState();
    Server running = server;
    if (running != null) {
      running.shutdown();
      try {
        if (!running.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warning(() -> "calls still running after " + grace + "; cancelling them");
          running.shutdownNow();
          running.awaitTermination(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException interrupted) {
        running.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    store.close();
    executor.close();
    security.close();
  }
}
