package io.lockctl.server.auth;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Refusals.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.lockctl.server.rpc.CallerInterceptor;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.Requests;
import io.lockctl.server.testing.SecureLockctl;
import io.lockctl.server.testing.TempDirs;
import io.lockctl.server.testing.TestPki;
import io.lockctl.server.testing.TestPki.Issued;
import io.lockctl.server.testing.WatchConsumer;
import io.lockctl.v1.AccessKeyServiceGrpc;
import io.lockctl.v1.AuditRecord;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.BackupServiceGrpc;
import io.lockctl.v1.ComplianceClockServiceGrpc;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListAuditEventsRequest;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.ReplicationServiceGrpc;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.WatchLockEventsRequest;
import io.lockctl.v1.WatchLockEventsResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every unary RPC of every lockctl service, over real mTLS, as three callers: one the policy allows
 * everything, one it allows nothing, and one without a client certificate. Refusals are the right
 * status; the refused calls change nothing but the audit log, where every refused mutation is
 * recorded. The requests are each method's empty message, so the matrix covers an RPC as soon as it
 * exists: authorization comes before any other check, so an empty request is refused for the same
 * reason as a full one.
 */
class AuthorizationMatrixTest {
  private static final String ALLOWED = "spiffe://test.example/sa/operator";
  private static final String DENIED = "spiffe://test.example/sa/intruder";
  private static final String OPS = "spiffe://test.example/sa/ops";
  private static final String PLANNER = "spiffe://test.example/sa/planner";
  private static final List<ServiceDescriptor> SERVICES =
      List.of(
          SnapshotServiceGrpc.getServiceDescriptor(),
          SnapshotLockServiceGrpc.getServiceDescriptor(),
          RetentionRuleServiceGrpc.getServiceDescriptor(),
          ReplicationServiceGrpc.getServiceDescriptor(),
          AuditServiceGrpc.getServiceDescriptor(),
          ComplianceClockServiceGrpc.getServiceDescriptor(),
          BackupServiceGrpc.getServiceDescriptor(),
          AccessKeyServiceGrpc.getServiceDescriptor());

  private static Path dir;
  private static CapturedLog quiet;
  private static SecureLockctl lockctl;
  private static ManagedChannel allowed;
  private static ManagedChannel denied;
  private static ManagedChannel anonymous;
  private static ManagedChannel ops;
  private static ManagedChannel planner;

  @BeforeAll
  static void startServer() throws Exception {
    dir = Files.createTempDirectory("lockctl-authz");
    quiet = CapturedLog.of(CallerInterceptor.class.getName());
    Issued ca = TestPki.ca("test CA");
    TestPki.server(ca).write(dir.resolve("server.pem"), dir.resolve("server.key"));
    TestPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    Files.writeString(
        dir.resolve("policy.json"),
        """
        {"statements": [
          {"sid": "operator", "effect": "ALLOW", "principals": ["%s"],
           "actions": ["lockctl:*"], "resources": ["*"]},
          {"sid": "ops", "effect": "ALLOW", "principals": ["%s"],
           "actions": ["lockctl:*"], "resources": ["*"]},
          {"sid": "only-admins-lift-governance", "effect": "DENY",
           "principals": ["*"], "not_principals": ["%s"],
           "actions": ["lockctl:UnlockSnapshot"], "resources": ["*"],
           "conditions": {"lockctl:LockMode": ["GOVERNANCE"]}},
          {"sid": "planner-dry-runs", "effect": "ALLOW", "principals": ["%s"],
           "actions": ["lockctl:LockSnapshot", "lockctl:GetSnapshot"], "resources": ["*"],
           "conditions": {"lockctl:DryRun": ["true"]}},
          {"sid": "planner-reads", "effect": "ALLOW", "principals": ["%s"],
           "actions": ["lockctl:GetSnapshot"], "resources": ["*"]}
        ]}
        """
            .formatted(ALLOWED, OPS, ALLOWED, PLANNER, PLANNER));
    lockctl =
        SecureLockctl.start(
            new SecurityConfig(
                dir.resolve("server.pem"),
                dir.resolve("server.key"),
                dir.resolve("ca.pem"),
                null,
                false,
                SecurityConfig.DEFAULT_RELOAD_PERIOD,
                dir.resolve("policy.json"),
                null));
    allowed = channel(ca, ALLOWED, "allowed");
    denied = channel(ca, DENIED, "denied");
    ops = channel(ca, OPS, "ops");
    planner = channel(ca, PLANNER, "planner");
    anonymous = lockctl.channel(dir.resolve("ca.pem"), null, null);
  }

  @AfterAll
  static void stopServer() throws Exception {
    try {
      if (lockctl != null) {
        lockctl.close();
      }
    } finally {
      quiet.close();
      TempDirs.deleteRecursively(dir);
    }
  }

  private static ManagedChannel channel(Issued ca, String principal, String name) throws Exception {
    TestPki.builder("CN=" + name)
        .uri(principal)
        .issuedBy(ca)
        .write(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
    return lockctl.channel(
        dir.resolve("ca.pem"), dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
  }

  @Test
  void everyRpcRefusesTheDeniedAndTheUnauthenticatedWritingNothingAndAllowsTheAllowed() {
    seed();
    String before = everything();
    int auditBefore = auditRecords(ALLOWED).size() + auditRecords(DENIED).size();
    List<String> mutations = new ArrayList<>();
    int rpcs = 0;
    for (MethodDescriptor<Message, Message> method : unaryMethods()) {
      rpcs++;
      String action = "lockctl:" + method.getBareMethodName();
      var anonymousRefusal =
          assertRefused(
              Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED", () -> call(anonymous, method));
      assertTrue(anonymousRefusal.status().getDescription() != null, action);
      var deniedRefusal =
          assertRefused(Status.Code.PERMISSION_DENIED, "ACCESS_DENIED", () -> call(denied, method));
      assertEquals(action, deniedRefusal.errorInfo().getMetadataOrThrow("action"));
      assertEquals(DENIED, deniedRefusal.errorInfo().getMetadataOrThrow("principal"));
      if (isMutation(method)) {
        mutations.add(action);
      }
    }
    assertTrue(rpcs >= 37, "only " + rpcs + " RPCs were found");

    assertEquals(before, everything(), "a refused call changed something");
    List<String> recorded =
        auditRecords(DENIED).stream()
            .peek(record -> assertEquals("ACCESS_DENIED", record.getOutcome()))
            .map(AuditRecord::getAction)
            .toList();
    assertEquals(mutations, recorded, "every refused mutation, and nothing else, is recorded");
    assertEquals(auditBefore + mutations.size(), auditRecords(ALLOWED).size() + recorded.size());

    for (MethodDescriptor<Message, Message> method : unaryMethods()) {
      try {
        call(allowed, method);
      } catch (StatusRuntimeException refused) {
        Status.Code code = refused.getStatus().getCode();
        assertNotEquals(Status.Code.PERMISSION_DENIED, code, method.getFullMethodName());
        assertNotEquals(Status.Code.UNAUTHENTICATED, code, method.getFullMethodName());
        assertNotEquals(Status.Code.INTERNAL, code, method.getFullMethodName());
        assertNotEquals(Status.Code.UNKNOWN, code, method.getFullMethodName());
        refusal(refused);
      }
    }
  }

  @Test
  void watchLockEventsIsAuthorisedLikeTheOtherAuditReads() throws Exception {
    WatchLockEventsRequest fromTheStart =
        WatchLockEventsRequest.newBuilder().setHasStartIndex(true).build();
    for (ManagedChannel refusedChannel : List.of(denied, planner)) {
      var refusal =
          assertRefused(
              Status.Code.PERMISSION_DENIED,
              "ACCESS_DENIED",
              () ->
                  AuditServiceGrpc.newBlockingStub(refusedChannel)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .watchLockEvents(fromTheStart)
                      .hasNext());
      assertEquals("lockctl:WatchLockEvents", refusal.errorInfo().getMetadataOrThrow("action"));
    }
    assertRefused(
        Status.Code.UNAUTHENTICATED,
        "UNAUTHENTICATED",
        () ->
            AuditServiceGrpc.newBlockingStub(anonymous)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .watchLockEvents(fromTheStart)
                .hasNext());

    String id = Requests.snapshotId(424_242);
    try (WatchConsumer watch =
        WatchConsumer.fast(
            ops,
            WatchLockEventsRequest.newBuilder()
                .setResourcePrefix("lrn:lockctl:" + Requests.REGION + ":snapshot/" + id)
                .setHasStartIndex(true)
                .build())) {
      SnapshotServiceGrpc.newBlockingStub(allowed).registerSnapshot(Requests.register(id).build());
      WatchLockEventsResponse event = watch.take(1).get(0);
      assertEquals(ALLOWED, event.getRecord().getPrincipal());
      assertEquals(id, event.getSnapshot().getSnapshotId());
    }
  }

  @Test
  void unlockSnapshotIsAuthorisedByTheModeOfTheLockItWouldRemove() {
    String governed = Requests.snapshotId(900);
    String coolingOff = Requests.snapshotId(901);
    var snapshots = SnapshotServiceGrpc.newBlockingStub(allowed);
    var locks = SnapshotLockServiceGrpc.newBlockingStub(allowed);
    snapshots.registerSnapshot(Requests.register(governed).build());
    snapshots.registerSnapshot(Requests.register(coolingOff).build());
    locks.lockSnapshot(Requests.governance(governed, 30).build());
    locks.lockSnapshot(Requests.compliance(coolingOff, 30, 24).build());

    var refused =
        assertRefused(
            Status.Code.PERMISSION_DENIED,
            "ACCESS_DENIED",
            () ->
                SnapshotLockServiceGrpc.newBlockingStub(ops)
                    .unlockSnapshot(Requests.unlock(governed).build()));
    assertEquals(
        "only-admins-lift-governance", refused.errorInfo().getMetadataOrThrow("denied_by"));
    assertEquals(LockStatus.LOCK_STATUS_GOVERNANCE, lockStatus(governed));
    SnapshotLockServiceGrpc.newBlockingStub(ops)
        .unlockSnapshot(Requests.unlock(coolingOff).build());
    locks.unlockSnapshot(Requests.unlock(governed).build());

    AuditRecord refusal = auditRecords(OPS).get(0);
    assertEquals("lockctl:UnlockSnapshot", refusal.getAction());
    assertEquals("lrn:lockctl:cn-hangzhou:snapshot/" + governed, refusal.getResource());
    assertEquals("ACCESS_DENIED", refusal.getOutcome());
  }

  @Test
  void aDryRunIsAuthorisedLikeTheRealCallAndSaysSoInItsCondition() {
    String id = Requests.snapshotId(950);
    SnapshotServiceGrpc.newBlockingStub(allowed).registerSnapshot(Requests.register(id).build());
    var plannerLocks = SnapshotLockServiceGrpc.newBlockingStub(planner);

    plannerLocks.lockSnapshot(
        Requests.lock(id, LockMode.LOCK_MODE_GOVERNANCE, 7).setDryRun(true).build());
    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "ACCESS_DENIED",
        () ->
            plannerLocks.lockSnapshot(Requests.lock(id, LockMode.LOCK_MODE_GOVERNANCE, 7).build()));
    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "ACCESS_DENIED",
        () ->
            SnapshotLockServiceGrpc.newBlockingStub(denied)
                .lockSnapshot(
                    Requests.lock(id, LockMode.LOCK_MODE_GOVERNANCE, 7).setDryRun(true).build()));

    assertEquals(
        false,
        SnapshotServiceGrpc.newBlockingStub(planner)
            .getSnapshot(
                GetSnapshotRequest.newBuilder()
                    .setRegionId(Requests.REGION)
                    .setSnapshotId(id)
                    .build())
            .getSnapshot()
            .hasLock());
    List<AuditRecord> planned = auditRecords(PLANNER);
    assertEquals(1, planned.size(), "the refused real call is recorded, the dry run is not");
    assertEquals("ACCESS_DENIED", planned.get(0).getOutcome());
  }

  /** Some of everything, so that the refused calls had something to change. */
  private static void seed() {
    var snapshots = SnapshotServiceGrpc.newBlockingStub(allowed);
    for (int n = 1; n <= 3; n++) {
      snapshots.registerSnapshot(Requests.register(Requests.snapshotId(n)).build());
    }
    SnapshotLockServiceGrpc.newBlockingStub(allowed)
        .lockSnapshot(Requests.governance(Requests.snapshotId(1), 30).build());
    RetentionRuleServiceGrpc.newBlockingStub(allowed).createRule(Requests.regionRule(7).build());
    ReplicationServiceGrpc.newBlockingStub(allowed)
        .createTargetRelationship(Requests.relationship(7).build());
  }

  /** Everything the operator can read, as text, to tell whether anything changed. */
  private static String everything() {
    return SnapshotServiceGrpc.newBlockingStub(allowed)
            .listSnapshots(
                ListSnapshotsRequest.newBuilder()
                    .setRegionId(Requests.REGION)
                    .setPageSize(1000)
                    .build())
            .toString()
        + RetentionRuleServiceGrpc.newBlockingStub(allowed)
            .listRules(
                io.lockctl.v1.ListRulesRequest.newBuilder()
                    .setRegionId(Requests.REGION)
                    .setPageSize(1000)
                    .build())
        + ReplicationServiceGrpc.newBlockingStub(allowed)
            .listTargetRelationships(
                io.lockctl.v1.ListTargetRelationshipsRequest.newBuilder().setPageSize(1000).build())
        + ReplicationServiceGrpc.newBlockingStub(allowed)
            .listLockKeys(io.lockctl.v1.ListLockKeysRequest.newBuilder().setPageSize(1000).build());
  }

  private static List<AuditRecord> auditRecords(String principal) {
    return AuditServiceGrpc.newBlockingStub(allowed)
        .listAuditEvents(
            ListAuditEventsRequest.newBuilder().setPrincipal(principal).setPageSize(1000).build())
        .getRecordsList();
  }

  private static LockStatus lockStatus(String id) {
    return SnapshotServiceGrpc.newBlockingStub(allowed)
        .getSnapshot(
            GetSnapshotRequest.newBuilder().setRegionId(Requests.REGION).setSnapshotId(id).build())
        .getSnapshot()
        .getLock()
        .getLockStatus();
  }

  @SuppressWarnings("unchecked")
  private static List<MethodDescriptor<Message, Message>> unaryMethods() {
    List<MethodDescriptor<Message, Message>> methods = new ArrayList<>();
    for (ServiceDescriptor service : SERVICES) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        if (method.getType() == MethodDescriptor.MethodType.UNARY) {
          methods.add((MethodDescriptor<Message, Message>) method);
        }
      }
    }
    return methods;
  }

  private static boolean isMutation(MethodDescriptor<Message, Message> method) {
    return emptyRequest(method).getDescriptorForType().findFieldByName("dry_run") != null;
  }

  private static Message emptyRequest(MethodDescriptor<Message, Message> method) {
    return (Message)
        ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
            .getMessagePrototype();
  }

  private static Message call(ManagedChannel channel, MethodDescriptor<Message, Message> method) {
    return ClientCalls.blockingUnaryCall(
        channel,
        method,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
        emptyRequest(method));
  }
}
