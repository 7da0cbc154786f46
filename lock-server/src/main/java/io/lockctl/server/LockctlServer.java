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
import io.lockctl.core.watch.AuditFeed;
import io.lockctl.server.auth.ServerSecurity;
import io.lockctl.server.http.HttpEdge;
import io.lockctl.server.metrics.MetricsEndpoint;
import io.lockctl.server.rpc.CallExecutor;
import io.lockctl.server.rpc.ErrorDetailsReflection;
import io.lockctl.server.rpc.InboundBytesBudget;
import io.lockctl.server.rpc.LazyGzip;
import io.lockctl.server.rpc.RequestGate;
import io.lockctl.server.rpc.RequestLogInterceptor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gRPC server built from the services and interceptors the component contributes, plus health
 * and reflection, which are served without the interceptors (so without credentials); reflection
 * also serves the error details (see {@link ErrorDetailsReflection}). Every lockctl call is logged,
 * the calls the other interceptors refuse included (see {@link RequestLogInterceptor}). Health
 * follows the store's: SERVING while it can take writes, NOT_SERVING while writes fail, once the
 * store proved damaged, and from the start of a stop. It owns the store's lifecycle: a stop drains
 * calls before closing the store.
 */
@Singleton
public final class LockctlServer {
  private static final Logger LOG = Logger.getLogger(LockctlServer.class.getName());

  /**
   * Netty's server stream logs a stack trace for each message over the transport's limit, which any
   * caller can cause at will; held here so the level set stays in force.
   */
  @SuppressWarnings("UnusedVariable")
  private static final Logger NETTY_STREAM_LOG = quietNettyStreamLog();

  /** After the grace period, cancelled calls get this long to unwind before the store closes. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

  private final ServerConfig config;
  private final Set<BindableService> services;
  private final List<ServerInterceptor> interceptors;
  private final RequestLogInterceptor requestLog;
  private final Store store;
  private final CallExecutor executor;
  private final ServerSecurity security;
  private final AuditFeed lockEvents;
  private final MetricsEndpoint metrics;
  private final HttpEdge http;
  private final HealthStatusManager health = new HealthStatusManager();
  private final RequestGate gate;
  private final InboundBytesBudget inflight;
  private volatile Server server;
  private int metricsPort = -1;
  private boolean stopped;

  @Inject
  LockctlServer(
      ServerConfig config,
      Set<BindableService> services,
      Set<ServerInterceptor> interceptors,
      RequestLogInterceptor requestLog,
      Store store,
      CallExecutor executor,
      ServerSecurity security,
      AuditFeed lockEvents,
      MetricsEndpoint metrics,
      HttpEdge http) {
    this.config = config;
    ServerLimits limits = config.limits();
    this.gate = new RequestGate(limits.maxRequestBytes(), limits.refusalLogInterval());
    this.inflight =
        new InboundBytesBudget(limits.maxInflightRequestBytes(), limits.refusalLogInterval());
    this.services = services;
    this.requestLog = requestLog;
    List<ServerInterceptor> all = new ArrayList<>(interceptors);
    // last in the list runs first: a call over the budget is refused before anything else
    all.add(inflight);
    this.interceptors = List.copyOf(all);
    this.store = store;
    this.executor = executor;
    this.security = security;
    this.lockEvents = lockEvents;
    this.metrics = metrics;
    this.http = http;
  }

  /**
   * Listens on the configured host and port, in plaintext or TLS as configured; returns the bound
   * port (useful with port 0).
   */
  public synchronized int start() throws IOException {
    ServerLimits limits = config.limits();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(config.host(), config.port()), security.serverCredentials())
            // find dead clients without waiting for TCP, and let clients probe us, but not flood
            .keepAliveTime(limits.keepaliveTime().toNanos(), TimeUnit.NANOSECONDS)
            .keepAliveTimeout(limits.keepaliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
            .permitKeepAliveTime(limits.permitKeepaliveTime().toNanos(), TimeUnit.NANOSECONDS)
            .permitKeepAliveWithoutCalls(true)
            // a connection holds at most this many calls at once; the client queues the rest
            .maxConcurrentCallsPerConnection(limits.maxCallsPerConnection())
            // What a client may send on a stream before the server reads it. Until a call has
            // started (and asked for its request), the transport keeps what arrives and gives no
            // window back, so this bounds the bytes of unstarted calls to calls x window; once
            // started, the in-flight budget counts every byte read. flowControlWindow, not
            // initialFlowControlWindow: the latter keeps grpc-java's bandwidth-delay auto-tuning,
            // which raises the window of every stream of a connection (up to 8 MiB) when its
            // client sends fast, as a flood does. The connection's own window grpc-java refills
            // as data arrives, so it bounds nothing; only the per-stream window does.
            .flowControlWindow(limits.flowControlWindow())
            // connections nobody uses are closed, and none lives for ever, so a client that
            // opened thousands once cannot keep them; calls in flight get a grace period
            .maxConnectionIdle(limits.maxConnectionIdle().toNanos(), TimeUnit.NANOSECONDS)
            .maxConnectionAge(limits.maxConnectionAge().toNanos(), TimeUnit.NANOSECONDS)
            .maxConnectionAgeGrace(limits.maxConnectionAgeGrace().toNanos(), TimeUnit.NANOSECONDS);
    return start(builder).getPort();
  }

  /**
   * Starts the HTTP edge when the configuration asks for it, after the gRPC server; its bound port,
   * or empty.
   */
  public synchronized Optional<Integer> startHttp() throws IOException {
    if (server == null) {
      throw new IllegalStateException("start the gRPC server first");
    }
    try {
      return http.start();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding the HTTP port", interrupted);
    }
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
        .maxInboundMessageSize(config.limits().maxTransportMessageBytes())
        .addStreamTracerFactory(inflight)
        .decompressorRegistry(LazyGzip.REGISTRY)
        .maxInboundMetadataSize(config.limits().maxMetadataBytes());
    List<String> serviceNames = new ArrayList<>();
    for (BindableService service : services) {
      ServerServiceDefinition definition =
          ErrorDetailsReflection.withErrorDetails(
              ServerInterceptors.intercept(
                  gate.guard(ServerInterceptors.intercept(service, interceptors)), requestLog));
      builder.addService(definition);
      serviceNames.add(definition.getServiceDescriptor().getName());
    }
    addInfrastructure(builder);
    server = builder.build().start();
    metricsPort = metrics.start();
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
        .addService(gate.guard(health.getHealthService().bindService()))
        .addService(gate.guard(ProtoReflectionServiceV1.newInstance().bindService()))
        .addService(gate.guard(ProtoReflectionService.newInstance().bindService()));
  }

  private static Logger quietNettyStreamLog() {
    Logger logger = Logger.getLogger("io.grpc.netty.NettyServerStream");
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /** The port serving {@code /metrics}, or -1 when metrics are off (or before the start). */
  public synchronized int metricsPort() {
    return metricsPort;
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
   * {@code grace} to finish and are cancelled after that (lock-event streams end at once,
   * UNAVAILABLE); then the store closes. Later calls do nothing.
   */
  public synchronized void stop(Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    health.enterTerminalState();
    http.stop(grace);
    Server running = server;
    if (running != null) {
      running.shutdown();
      // lock-event streams never end on their own: end them, so clients resume elsewhere
      lockEvents.close();
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
    lockEvents.close();
    metrics.stop();
    store.close();
    executor.close();
    security.close();
  }
}
