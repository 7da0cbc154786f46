package io.lockctl.server.testing;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.clock.SettableTicker;
import io.lockctl.server.HttpConfig;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.rpc.CallerInterceptor;
import io.lockctl.v1.AccessKeyServiceGrpc;
import io.lockctl.v1.AccessKeyServiceGrpc.AccessKeyServiceBlockingStub;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.AuditServiceGrpc.AuditServiceBlockingStub;
import io.lockctl.v1.ComplianceClockServiceGrpc;
import io.lockctl.v1.ComplianceClockServiceGrpc.ComplianceClockServiceBlockingStub;
import io.lockctl.v1.ReplicationServiceGrpc;
import io.lockctl.v1.ReplicationServiceGrpc.ReplicationServiceBlockingStub;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.RetentionRuleServiceGrpc.RetentionRuleServiceBlockingStub;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotLockServiceGrpc.SnapshotLockServiceBlockingStub;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A lockctl server per test, built by {@link TestServerComponent} and served on gRPC's in-process
 * transport, with a fresh store in a temp dir and a clock the test moves. Everything it opens is
 * closed after each test.
 */
public final class InProcessLockctl implements BeforeEachCallback, AfterEachCallback {
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final Optional<SettableTicker> ticker;
  private boolean http;
  private int httpPort = -1;
  private Path dataDir;
  private SettableClock clock;
  private TestServerComponent component;
  private LockctlServer server;
  private ManagedChannel channel;

  /** A server whose compliance clock follows every move of {@link #clock()} at once. */
  public InProcessLockctl() {
    this.ticker = Optional.empty();
  }

  private InProcessLockctl(SettableTicker ticker) {
    this.ticker = Optional.of(ticker);
  }

  /**
   * A server whose compliance clock runs as production's does: real time is {@code ticker}, and
   * {@link #clock()} is the system clock, followed at once only within the default maximum step.
   */
  public static InProcessLockctl withMonotonicTime(SettableTicker ticker) {
    return new InProcessLockctl(ticker);
  }

  /** A server that also serves its HTTP edge, on a free port of 127.0.0.1. */
  public static InProcessLockctl withHttp() {
    InProcessLockctl lockctl = new InProcessLockctl();
    lockctl.http = true;
    return lockctl;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dataDir = Files.createTempDirectory("lockctl-test");
    clock = new SettableClock(START);
    component =
        DaggerTestServerComponent.factory()
            .create(
                new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5))
                    .withHttp(http ? HttpConfig.onPort(0) : HttpConfig.OFF),
                clock,
                ticker);
    server = component.server();
    String name = InProcessServerBuilder.generateName();
    server.startInProcess(name);
    channel = InProcessChannelBuilder.forName(name).build();
    httpPort = server.startHttp().orElse(-1);
  }

  /** The HTTP edge's port; only {@link #withHttp()} has one. */
  public int httpPort() {
    if (httpPort < 0) {
      throw new IllegalStateException("this server serves no HTTP");
    }
    return httpPort;
  }

  public AccessKeyServiceBlockingStub accessKeys() {
    return AccessKeyServiceGrpc.newBlockingStub(channel);
  }

  public AccessKeyServiceBlockingStub accessKeysAs(String caller) {
    return as(accessKeys(), caller);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      if (channel != null) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      if (server != null) {
        server.stop(Duration.ofSeconds(5));
      }
    } finally {
      TempDirs.deleteRecursively(dataDir);
    }
  }

  public TestServerComponent component() {
    return component;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The system clock under the server's compliance clock. */
  public SettableClock clock() {
    return clock;
  }

  /**
   * The compliance time the server sees now (the settable clock has not gone back in these tests).
   */
  public Instant now() {
    return clock.instant();
  }

  /** The channel every stub here uses, for stubs of other kinds (async, streaming). */
  public ManagedChannel channel() {
    return channel;
  }

  public SnapshotServiceBlockingStub snapshots() {
    return SnapshotServiceGrpc.newBlockingStub(channel);
  }

  public SnapshotLockServiceBlockingStub locks() {
    return SnapshotLockServiceGrpc.newBlockingStub(channel);
  }

  public RetentionRuleServiceBlockingStub rules() {
    return RetentionRuleServiceGrpc.newBlockingStub(channel);
  }

  public ReplicationServiceBlockingStub replication() {
    return ReplicationServiceGrpc.newBlockingStub(channel);
  }

  public AuditServiceBlockingStub audit() {
    return AuditServiceGrpc.newBlockingStub(channel);
  }

  public ComplianceClockServiceBlockingStub complianceClock() {
    return ComplianceClockServiceGrpc.newBlockingStub(channel);
  }

  public ComplianceClockServiceBlockingStub complianceClockAs(String caller) {
    return as(complianceClock(), caller);
  }

  public ReplicationServiceBlockingStub replicationAs(String caller) {
    return as(replication(), caller);
  }

  public SnapshotServiceBlockingStub snapshotsAs(String caller) {
    return as(snapshots(), caller);
  }

  public SnapshotLockServiceBlockingStub locksAs(String caller) {
    return as(locks(), caller);
  }

  public RetentionRuleServiceBlockingStub rulesAs(String caller) {
    return as(rules(), caller);
  }

  private static <S extends AbstractStub<S>> S as(S stub, String caller) {
    Metadata headers = new Metadata();
    headers.put(CallerInterceptor.HEADER, caller);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
