package io.lockctl.server;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.deleteSnapshot;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.lockRule;
import static io.lockctl.server.testing.Requests.regionRule;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.restore;
import static io.lockctl.server.testing.Requests.snapshotId;
import static io.lockctl.server.testing.Requests.unlockRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.lockctl.client.FieldViolation;
import io.lockctl.client.LockctlClient;
import io.lockctl.client.LockctlException;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.server.testing.DaggerTestServerComponent;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.LostResponses;
import io.lockctl.server.testing.Refusals;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.server.testing.TestServerComponent;
import io.lockctl.server.testing.TestStores;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListRulesRequest;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RuleLockState;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.SnapshotState;
import io.lockctl.v1.UpdateRuleRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LockctlClient} against the real server: over a real port to the production component
 * (deadlines, typed refusals exactly as the server sends them, caller-scoped tokens), and through
 * the test component whose interceptors lose a response after the service committed (the client's
 * retry carries the token it generated, and the server applies the call once).
 */
class LockctlClientTest {
  @TempDir Path dataDir;

  private final List<LockctlServer> servers = new ArrayList<>();
  private final List<AutoCloseable> clients = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (LockctlServer server : servers) {
      server.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void aCallOverARealPortSucceedsWithinItsDeadline() throws Exception {
    String target = "127.0.0.1:" + startProduction();
    LockctlClient client =
        open(LockctlClient.builder().target(target).defaultDeadline(Duration.ofSeconds(5)));

    RegisterSnapshotResponse registered = client.registerSnapshot(register(snapshotId(1)).build());

    assertEquals(snapshotId(1), registered.getSnapshot().getSnapshotId());
    assertEquals(registered.getSnapshot(), client.getSnapshot(get(snapshotId(1))).getSnapshot());
  }

  @Test
  void theDeadlineBoundsTheCallAndItsFailureHasNoLockctlReason() throws Exception {
    String target = "127.0.0.1:" + startProduction();
    // a deadline already over when the call starts: the channel must fail it, not send it
    LockctlClient client =
        open(LockctlClient.builder().target(target).defaultDeadline(Duration.ofNanos(1)));

    LockctlException late =
        assertThrows(LockctlException.class, () -> client.getSnapshot(get(snapshotId(1))));

    assertEquals(Status.Code.DEADLINE_EXCEEDED, late.code());
    assertEquals("", late.reason());
    assertEquals("", late.domain());
    assertEquals(Map.of(), late.metadata());
    assertEquals(List.of(), late.fieldViolations());
  }

  @Test
  void aMalformedRequestIsRefusedWithTheFieldViolationsTheServerSent() throws Exception {
    int port = startProduction();
    LockctlClient client = open(LockctlClient.builder().target("127.0.0.1:" + port));
    RegisterSnapshotRequest malformed = register(snapshotId(1)).setRegionId("Not A Region").build();

    LockctlException refused =
        assertThrows(LockctlException.class, () -> client.registerSnapshot(malformed));

    assertEquals(Status.Code.INVALID_ARGUMENT, refused.code());
    assertEquals("INVALID_PARAMETER", refused.reason());
    assertEquals("lockctl.v1", refused.domain());
    assertEquals(
        List.of("region_id"),
        refused.fieldViolations().stream().map(FieldViolation::field).toList());
    assertDecodedAsSent(
        refused,
        () -> SnapshotServiceGrpc.newBlockingStub(plainChannel(port)).registerSnapshot(malformed));
  }

  @Test
  void refusalsCarryTheirReasonAndMetadata() throws Exception {
    int port = startProduction();
    LockctlClient client = open(LockctlClient.builder().target("127.0.0.1:" + port));

    LockctlException missing =
        assertThrows(LockctlException.class, () -> client.getSnapshot(get(snapshotId(404))));
    assertEquals(Status.Code.NOT_FOUND, missing.code());
    assertEquals("SNAPSHOT_NOT_FOUND", missing.reason());
    assertEquals("lockctl.v1", missing.domain());
    assertDecodedAsSent(
        missing,
        () ->
            SnapshotServiceGrpc.newBlockingStub(plainChannel(port))
                .getSnapshot(get(snapshotId(404))));

    client.registerSnapshot(register(snapshotId(2)).build());
    LockctlException noTerm =
        assertThrows(
            LockctlException.class,
            () -> client.lockSnapshot(governance(snapshotId(2), 0).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, noTerm.code());
    assertEquals("INVALID_LOCK_DURATION", noTerm.reason());
    assertEquals(
        List.of("lock_duration_days"),
        noTerm.fieldViolations().stream().map(FieldViolation::field).toList());

    LockSnapshotResponse locked = client.lockSnapshot(governance(snapshotId(2), 1).build());
    LockctlException protectedByLock =
        assertThrows(LockctlException.class, () -> client.deleteSnapshot(delete(snapshotId(2))));
    assertEquals(Status.Code.FAILED_PRECONDITION, protectedByLock.code());
    assertEquals("SNAPSHOT_LOCKED", protectedByLock.reason());
    assertEquals(
        Map.of(
            "lock_status",
            "GOVERNANCE",
            "lock_expired_time",
            instant(locked.getLockedSnapshotInfo().getLockExpiredTime()).toString()),
        protectedByLock.metadata());
    assertEquals(List.of(), protectedByLock.fieldViolations());
  }

  @Test
  void theRuleRpcsAndRestoreWorkThroughTheClient() throws Exception {
    LockctlClient client = open(LockctlClient.builder().target("127.0.0.1:" + startProduction()));

    RetentionRule created = client.createRule(regionRule(10).build()).getRule();
    String id = created.getIdentifier();
    assertEquals(created, client.getRule(getRule(id)).getRule());
    assertEquals(
        List.of(created),
        client.listRules(ListRulesRequest.newBuilder().setRegionId(REGION).build()).getRulesList());
    assertEquals(
        20,
        client
            .updateRule(
                UpdateRuleRequest.newBuilder()
                    .setRegionId(REGION)
                    .setIdentifier(id)
                    .setRule(RetentionRule.newBuilder().setRetentionPeriodDays(20))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("retention_period_days"))
                    .build())
            .getRule()
            .getRetentionPeriodDays());
    assertEquals(
        RuleLockState.RULE_LOCK_STATE_LOCKED,
        client.lockRule(lockRule(id, 7).build()).getRule().getLockState());
    assertEquals(
        RuleLockState.RULE_LOCK_STATE_PENDING_UNLOCK,
        client.unlockRule(unlockRule(id).build()).getRule().getLockState());
    DeleteRuleRequest deleteRule =
        DeleteRuleRequest.newBuilder().setRegionId(REGION).setIdentifier(id).build();
    LockctlException pending =
        assertThrows(LockctlException.class, () -> client.deleteRule(deleteRule));
    assertEquals(Status.Code.FAILED_PRECONDITION, pending.code());
    assertEquals("INVALID_RULE_STATE", pending.reason());
    assertEquals("PENDING_UNLOCK", pending.metadata().get("lock_state"));

    client.registerSnapshot(register(snapshotId(1)).build());
    assertEquals(
        List.of(id),
        client.deleteSnapshot(deleteSnapshot(snapshotId(1)).build()).getRetainedByRuleIdsList());
    assertEquals(
        SnapshotState.SNAPSHOT_STATE_ACTIVE,
        client.restoreSnapshot(restore(snapshotId(1)).build()).getSnapshot().getState());
  }

  @Test
  void theSameCallerTokenTwiceReturnsTheIdenticalResponseAndRegistersOnce() throws Exception {
    String target = "127.0.0.1:" + startProduction();
    LockctlClient client = open(LockctlClient.builder().target(target).caller("it-token"));
    // no id: the server generates one, so a second application would be a second snapshot
    RegisterSnapshotRequest request = register("").setClientToken("register-once").build();

    RegisterSnapshotResponse first = client.registerSnapshot(request);
    RegisterSnapshotResponse second = client.registerSnapshot(request);

    assertEquals(first.toByteString(), second.toByteString());
    assertEquals(List.of(first.getSnapshot()), list(client));

    // tokens are remembered per caller: another caller's identical token is a call of its own
    LockctlClient other = open(LockctlClient.builder().target(target).caller("it-other"));
    RegisterSnapshotResponse others = other.registerSnapshot(request);
    assertNotEquals(first.getSnapshot().getSnapshotId(), others.getSnapshot().getSnapshotId());
    assertEquals(2, list(client).size());
  }

  /** Through the channel {@link LockctlClient.Builder#target} builds, with its own retry policy. */
  @Test
  void aRetryAfterALostResponseOverARealPortIsAppliedOnce() throws Exception {
    TestServerComponent component = testComponent();
    int port = component.server().start();
    servers.add(component.server());

    assertALostResponseIsRetriedAndAppliedOnce(
        component, open(LockctlClient.builder().target("127.0.0.1:" + port).caller("it-retry")));
  }

  /**
   * Through a channel built by the caller with {@link LockctlClient#serviceConfig}, as documented.
   */
  @Test
  void aRetryAfterALostResponseOnACallersOwnChannelIsAppliedOnce() throws Exception {
    TestServerComponent component = testComponent();
    String name = InProcessServerBuilder.generateName();
    component.server().startInProcess(name);
    servers.add(component.server());
    ManagedChannel channel =
        InProcessChannelBuilder.forName(name)
            .defaultServiceConfig(LockctlClient.serviceConfig(4))
            .enableRetry()
            .build();
    channels.add(channel);

    assertALostResponseIsRetriedAndAppliedOnce(
        component, open(LockctlClient.builder().channel(channel).caller("it-retry")));
  }

  private void assertALostResponseIsRetriedAndAppliedOnce(
      TestServerComponent component, LockctlClient client) {
    LostResponses lostResponses = component.lostResponses();
    lostResponses.loseNext(SnapshotServiceGrpc.getRegisterSnapshotMethod(), 1);

    // no id and no token: the server generates the id, the client the token
    RegisterSnapshotResponse response = client.registerSnapshot(register("").build());

    List<RegisterSnapshotRequest> attempts =
        lostResponses.requests(SnapshotServiceGrpc.getRegisterSnapshotMethod());
    assertEquals(2, attempts.size(), "one lost attempt, one retry");
    assertFalse(attempts.get(0).getClientToken().isEmpty(), "the client fills in a token");
    assertEquals(attempts.get(0), attempts.get(1), "the retry is the same request, token included");
    // the server answered the retry from its idempotency record: what it committed the first time
    assertEquals(
        lostResponses.lost(SnapshotServiceGrpc.getRegisterSnapshotMethod()), List.of(response));
    assertEquals(List.of(response.getSnapshot()), list(client));
  }

  /** The client decodes exactly the status details a plain stub receives for the same call. */
  private static void assertDecodedAsSent(
      LockctlException decoded, Executable sameCallOnAPlainStub) {
    Refusal sent =
        Refusals.refusal(assertThrows(StatusRuntimeException.class, sameCallOnAPlainStub));
    assertEquals(sent.status().getCode(), decoded.code());
    assertEquals(sent.errorInfo().getReason(), decoded.reason());
    assertEquals(sent.errorInfo().getDomain(), decoded.domain());
    assertEquals(sent.errorInfo().getMetadataMap(), decoded.metadata());
    assertEquals(
        sent.badRequest()
            .map(
                b ->
                    b.getFieldViolationsList().stream()
                        .map(v -> new FieldViolation(v.getField(), v.getDescription()))
                        .toList())
            .orElse(List.of()),
        decoded.fieldViolations());
  }

  private int startProduction() throws Exception {
    LockctlServer server =
        DaggerServerComponent.factory()
            .create(TestStores.productionConfig("127.0.0.1", dataDir, Duration.ofSeconds(5)))
            .server();
    servers.add(server);
    return server.start();
  }

  private TestServerComponent testComponent() {
    return DaggerTestServerComponent.factory()
        .create(
            new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)),
            new SettableClock(InProcessLockctl.START),
            Optional.empty());
  }

  private LockctlClient open(LockctlClient.Builder builder) {
    LockctlClient client = builder.build();
    clients.add(client);
    return client;
  }

  private ManagedChannel plainChannel(int port) {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(channel);
    return channel;
  }

  private static List<Snapshot> list(LockctlClient client) {
    return client
        .listSnapshots(ListSnapshotsRequest.newBuilder().setRegionId(REGION).build())
        .getSnapshotsList();
  }

  private static GetSnapshotRequest get(String id) {
    return GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build();
  }

  private static GetRuleRequest getRule(String id) {
    return GetRuleRequest.newBuilder().setRegionId(REGION).setIdentifier(id).build();
  }

  private static DeleteSnapshotRequest delete(String id) {
    return DeleteSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build();
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
