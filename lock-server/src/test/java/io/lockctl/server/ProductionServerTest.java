package io.lockctl.server;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.compliance;
import static io.lockctl.server.testing.Requests.delay;
import static io.lockctl.server.testing.Requests.deleteSnapshot;
import static io.lockctl.server.testing.Requests.regionRule;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.restore;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.DeleteSnapshotResponse;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.RuleLockState;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.SnapshotState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production component over real sockets: Netty, health, reflection, restarts. */
class ProductionServerTest {
  @TempDir Path dataDir;

  private final List<LockctlServer> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void closeEverything() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (LockctlServer server : servers) {
      server.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void acknowledgedLocksSurviveARestart() throws Exception {
    ManagedChannel first = channelTo(start());
    Map<String, LockedSnapshotInfo> acknowledged = new LinkedHashMap<>();
    for (int n = 1; n <= 20; n++) {
      SnapshotServiceGrpc.newBlockingStub(first).registerSnapshot(register(snapshotId(n)).build());
      LockedSnapshotInfo info =
          SnapshotLockServiceGrpc.newBlockingStub(first)
              .lockSnapshot(compliance(snapshotId(n), 30 + n, 0).build())
              .getLockedSnapshotInfo();
      acknowledged.put(snapshotId(n), info);
    }
    servers.get(0).stop(Duration.ofSeconds(5));

    ManagedChannel second = channelTo(start());

    for (Map.Entry<String, LockedSnapshotInfo> lock : acknowledged.entrySet()) {
      assertEquals(
          lock.getValue(),
          SnapshotServiceGrpc.newBlockingStub(second)
              .getSnapshot(
                  GetSnapshotRequest.newBuilder()
                      .setRegionId(REGION)
                      .setSnapshotId(lock.getKey())
                      .build())
              .getSnapshot()
              .getLock());
    }
    assertEquals(
        List.copyOf(acknowledged.values()),
        SnapshotLockServiceGrpc.newBlockingStub(second)
            .describeLockedSnapshots(
                DescribeLockedSnapshotsRequest.newBuilder().setRegionId(REGION).build())
            .getLockedSnapshotsList());
  }

  @Test
  void aLockedRuleAndTheRecycleBinSurviveARestart() throws Exception {
    ManagedChannel first = channelTo(start());
    RetentionRule locked =
        RetentionRuleServiceGrpc.newBlockingStub(first)
            .createRule(regionRule(30).setLockConfiguration(delay(7)).build())
            .getRule();
    SnapshotServiceGrpc.newBlockingStub(first)
        .registerSnapshot(register(snapshotId(1)).putTags("env", "prod").build());
    DeleteSnapshotResponse binned =
        SnapshotServiceGrpc.newBlockingStub(first)
            .deleteSnapshot(deleteSnapshot(snapshotId(1)).build());
    servers.get(0).stop(Duration.ofSeconds(5));

    ManagedChannel second = channelTo(start());
    RetentionRuleServiceGrpc.RetentionRuleServiceBlockingStub rules =
        RetentionRuleServiceGrpc.newBlockingStub(second);
    SnapshotServiceGrpc.SnapshotServiceBlockingStub snapshots =
        SnapshotServiceGrpc.newBlockingStub(second);

    RetentionRule afterRestart =
        rules
            .getRule(
                GetRuleRequest.newBuilder()
                    .setRegionId(REGION)
                    .setIdentifier(locked.getIdentifier())
                    .build())
            .getRule();
    assertEquals(RuleLockState.RULE_LOCK_STATE_LOCKED, afterRestart.getLockState());
    assertEquals(locked, afterRestart);
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "INVALID_RULE_STATE",
        () ->
            rules.deleteRule(
                DeleteRuleRequest.newBuilder()
                    .setRegionId(REGION)
                    .setIdentifier(locked.getIdentifier())
                    .build()));

    assertEquals(List.of(locked.getIdentifier()), binned.getRetainedByRuleIdsList());
    Snapshot inBin =
        snapshots
            .getSnapshot(
                GetSnapshotRequest.newBuilder()
                    .setRegionId(REGION)
                    .setSnapshotId(snapshotId(1))
                    .build())
            .getSnapshot();
    assertEquals(SnapshotState.SNAPSHOT_STATE_IN_RECYCLE_BIN, inBin.getState());
    assertEquals(binned.getRetainUntil(), inBin.getRetainUntil());

    Snapshot restored = snapshots.restoreSnapshot(restore(snapshotId(1)).build()).getSnapshot();
    assertEquals(
        inBin.toBuilder().setState(SnapshotState.SNAPSHOT_STATE_ACTIVE).clearRetainUntil().build(),
        restored);
    assertEquals(
        restored,
        snapshots
            .getSnapshot(
                GetSnapshotRequest.newBuilder()
                    .setRegionId(REGION)
                    .setSnapshotId(snapshotId(1))
                    .build())
            .getSnapshot());
  }

  @Test
  void healthAnswersServingForTheServerAndEachService() throws Exception {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channelTo(start()));

    for (String service :
        List.of(
            "",
            "lockctl.v1.SnapshotService",
            "lockctl.v1.SnapshotLockService",
            "lockctl.v1.RetentionRuleService",
            "lockctl.v1.ReplicationService")) {
      assertEquals(
          ServingStatus.SERVING,
          health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus(),
          service);
    }
  }

  @Test
  void reflectionListsTheServices() throws Exception {
    ManagedChannel channel = channelTo(start());
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    answer.complete(response);
                  }

                  @Override
                  public void onError(Throwable failure) {
                    answer.completeExceptionally(failure);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    Set<String> services =
        answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
            .map(ServiceResponse::getName)
            .collect(Collectors.toSet());
    requests.onCompleted();

    assertEquals(
        Set.of(
            "lockctl.v1.SnapshotService",
            "lockctl.v1.SnapshotLockService",
            "lockctl.v1.RetentionRuleService",
            "lockctl.v1.ReplicationService",
            "lockctl.v1.AuditService",
            "lockctl.v1.ComplianceClockService",
            "lockctl.v1.BackupService",
            "lockctl.v1.AccessKeyService",
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection"),
        services);
  }

  @Test
  void messagesOverOneMebibyteAreRefused() throws Exception {
    ManagedChannel channel = channelTo(start());

    assertRefused(
        Status.Code.RESOURCE_EXHAUSTED,
        "REQUEST_TOO_LARGE",
        () ->
            SnapshotServiceGrpc.newBlockingStub(channel)
                .registerSnapshot(
                    register(snapshotId(1)).putTags("big", "x".repeat(1 << 20)).build()));
  }

  private int start() throws Exception {
    LockctlServer server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)))
            .server();
    servers.add(server);
    return server.start();
  }

  private ManagedChannel channelTo(int port) {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(channel);
    return channel;
  }
}
