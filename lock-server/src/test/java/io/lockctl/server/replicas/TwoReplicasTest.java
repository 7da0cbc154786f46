package io.lockctl.server.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.lockctl.core.error.ErrorCode;
import io.lockctl.core.error.Reason;
import io.lockctl.server.replicas.Call.Kind;
import io.lockctl.server.replicas.Call.Outcome;
import io.lockctl.server.testing.Requests;
import io.lockctl.server.testing.TestPostgres;
import io.lockctl.v1.AuditRecord;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.CreateRuleResponse;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListAuditEventsRequest;
import io.lockctl.v1.ListAuditEventsResponse;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.RetentionRuleServiceGrpc.RetentionRuleServiceBlockingStub;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotLockServiceGrpc.SnapshotLockServiceBlockingStub;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import io.lockctl.v1.UpdateRuleRequest;
import io.lockctl.v1.VerifyAuditRequest;
import io.lockctl.v1.VerifyAuditResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two lockctl processes on one PostgreSQL schema, raced by clients that send each call through
 * either at random, at a few snapshots and rules: register, lock, relock, unlock and delete
 * snapshots; create, lock, update and delete rules. The history of calls (sent, answered, answer)
 * must be that of one service running them in one serial order: see {@link HistoryChecks}. Calls
 * with a client token are replayed through the other replica and must get the same answer. Lock
 * terms are long (30 days, 72 hours of cool-off), so nothing expires during the race. Both replicas
 * then serve one audit log, without gaps or forks, that records what the clients were answered.
 */
class TwoReplicasTest {
  private static final Duration RACE = Duration.ofSeconds(8);
  private static final int CLIENTS = 8;
  private static final int SNAPSHOTS = 4;

  /** Newest rules the clients aim at; older ones are left as they are. */
  private static final int LIVE_RULES = 3;

  /** Rules live in a region of their own, so that snapshot deletes never go to the recycle bin. */
  private static final String RULE_REGION = "eu-rules-1";

  private static final Set<Status.Code> REFUSAL_CODES =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.NOT_FOUND,
          Status.Code.ALREADY_EXISTS,
          Status.Code.RESOURCE_EXHAUSTED);

  /** The refusals the audit log records: a refused change of a resource that exists. */
  private static final Set<ErrorCode> AUDITED_REFUSALS =
      EnumSet.of(ErrorCode.FAILED_PRECONDITION, ErrorCode.ALREADY_EXISTS);

  private static final Map<Kind, String> ACTIONS =
      Map.of(
          Kind.REGISTER, "lockctl:RegisterSnapshot",
          Kind.LOCK, "lockctl:LockSnapshot",
          Kind.UNLOCK, "lockctl:UnlockSnapshot",
          Kind.DELETE, "lockctl:DeleteSnapshot",
          Kind.CREATE_RULE, "lockctl:CreateRule",
          Kind.LOCK_RULE, "lockctl:LockRule",
          Kind.UPDATE_RULE, "lockctl:UpdateRule",
          Kind.DELETE_RULE, "lockctl:DeleteRule");

  @TempDir Path dir;

  private final List<Replica> replicas = new ArrayList<>();
  private final ConcurrentLinkedQueue<Call> history = new ConcurrentLinkedQueue<>();
  private final List<String> ruleIds = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<String> replayMismatches = new ConcurrentLinkedQueue<>();
  private final AtomicInteger descriptions = new AtomicInteger();
  private final AtomicInteger replays = new AtomicInteger();

  @AfterEach
  void stopReplicas() throws InterruptedException {
    for (Replica replica : replicas) {
      replica.close();
    }
  }

  @Test
  void clientsRacingThroughTwoReplicasSeeOneSerialOrder() throws Exception {
    String url = TestPostgres.newSchemaUrl();
    // One after the other: the first creates the schema, which Flyway does outside its lock.
    replicas.add(Replica.start("a", dir, List.of("--postgres-url", url)));
    replicas.add(Replica.start("b", dir, List.of("--postgres-url", url)));
    long seed = new Random().nextLong();
    for (int i = 0; i < LIVE_RULES; i++) {
      createRule(replicas.get(i % 2));
    }

    long deadline = System.nanoTime() + RACE.toNanos();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Random random = new Random(seed + LIVE_RULES + c);
        running.add(
            clients.submit(
                () -> {
                  while (System.nanoTime() < deadline) {
                    step(random);
                  }
                  return null;
                }));
      }
      for (Future<?> client : running) {
        client.get(RACE.toSeconds() + 60, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }

    List<Call> calls = List.copyOf(history);
    Set<String> snapshotIds = new LinkedHashSet<>();
    for (int n = 0; n < SNAPSHOTS; n++) {
      snapshotIds.add(Requests.snapshotId(n));
    }
    Map<String, Snapshot> snapshots = finalSnapshots(replicas.get(0), snapshotIds);
    Map<String, RetentionRule> rules = finalRules(replicas.get(0));
    assertEquals(snapshots, finalSnapshots(replicas.get(1), snapshotIds), "the replicas disagree");
    assertEquals(rules, finalRules(replicas.get(1)), "the replicas disagree");

    List<String> violations = new ArrayList<>(replayMismatches);
    violations.addAll(HistoryChecks.deletesOfLockedSnapshots(calls));
    violations.addAll(HistoryChecks.changesOfLockedRules(calls));
    violations.addAll(HistoryChecks.finalSnapshots(calls, snapshotIds, snapshots));
    violations.addAll(HistoryChecks.finalRules(calls, Set.copyOf(ruleIds), rules));
    String summary =
        "seed " + seed + ", " + replays.get() + " token replays, calls: " + summary(calls);
    assertEquals(List.of(), violations, summary);

    // The race must have raced: locks held off deletes and updates, and were released.
    Map<String, Long> counts =
        calls.stream()
            .collect(
                Collectors.groupingBy(
                    call -> call.kind() + "/" + call.outcome() + "/" + call.reason(),
                    Collectors.counting()));
    for (String expected :
        List.of(
            "LOCK/OK/",
            "UNLOCK/OK/",
            "DELETE/OK/",
            "DELETE/REFUSED/SNAPSHOT_LOCKED",
            "LOCK_RULE/OK/",
            "UPDATE_RULE/OK/")) {
      assertTrue(counts.containsKey(expected), () -> "no " + expected + " in " + summary);
    }
    assertOneAuditLog(calls, summary);
    for (Replica replica : replicas) {
      assertEquals(0, replica.stop(), replica::stderr);
    }
  }

  /**
   * Both replicas serve one audit log, with no gaps and no forks: the same records through either,
   * indexed 0 to n-1, verified, and one record for each change or audited refusal the clients were
   * answered (calls left in doubt may or may not have one).
   */
  private void assertOneAuditLog(List<Call> calls, String summary) {
    List<AuditRecord> records = auditRecords(replicas.get(0));
    assertEquals(records, auditRecords(replicas.get(1)), "the replicas' audit logs differ");
    for (int i = 0; i < records.size(); i++) {
      assertEquals(i, records.get(i).getIndex(), "a gap in the audit log");
    }
    for (Replica replica : replicas) {
      VerifyAuditResponse verified =
          AuditServiceGrpc.newBlockingStub(replica.channel)
              .verifyAudit(VerifyAuditRequest.getDefaultInstance());
      assertTrue(verified.getOk(), verified::getDetail);
      assertEquals(records.size(), verified.getTreeSize());
    }
    Map<String, Long> recorded =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.getAction() + " " + r.getOutcome(),
                    TreeMap::new,
                    Collectors.counting()));
    Map<String, Long> answered = new TreeMap<>();
    Map<String, Long> inDoubt = new TreeMap<>();
    for (Call call : calls) {
      String action = ACTIONS.get(call.kind());
      switch (call.outcome()) {
        case OK -> answered.merge(action + " OK", 1L, Long::sum);
        case REFUSED -> {
          if (AUDITED_REFUSALS.contains(Reason.valueOf(call.reason()).code())) {
            answered.merge(action + " " + call.reason(), 1L, Long::sum);
          }
        }
        case IN_DOUBT -> inDoubt.merge(action, 1L, Long::sum);
      }
    }
    Set<String> keys = new LinkedHashSet<>(recorded.keySet());
    keys.addAll(answered.keySet());
    for (String key : keys) {
      long atLeast = answered.getOrDefault(key, 0L);
      long atMost = atLeast + inDoubt.getOrDefault(key.substring(0, key.indexOf(' ')), 0L);
      long found = recorded.getOrDefault(key, 0L);
      assertTrue(
          found >= atLeast && found <= atMost,
          () ->
              key + ": " + found + " records for " + atLeast + " answered calls (" + summary + ")");
    }
  }

  private static List<AuditRecord> auditRecords(Replica replica) {
    List<AuditRecord> records = new ArrayList<>();
    ListAuditEventsRequest page = ListAuditEventsRequest.newBuilder().setPageSize(1000).build();
    while (true) {
      ListAuditEventsResponse listed =
          AuditServiceGrpc.newBlockingStub(replica.channel).listAuditEvents(page);
      records.addAll(listed.getRecordsList());
      if (listed.getNextPageToken().isEmpty()) {
        return records;
      }
      page = page.toBuilder().setPageToken(listed.getNextPageToken()).build();
    }
  }

  /** One random call of one client, through a random replica. */
  private void step(Random random) {
    Replica replica = replicas.get(random.nextInt(replicas.size()));
    Replica other = replicas.get(1 - replicas.indexOf(replica));
    String token = random.nextInt(4) == 0 ? "t-" + random.nextLong() : "";
    if (random.nextInt(3) > 0) {
      String id = Requests.snapshotId(random.nextInt(SNAPSHOTS));
      int dice = random.nextInt(20);
      if (dice < 4) {
        record(
            id,
            Kind.REGISTER,
            replica,
            other,
            stub ->
                snapshots(stub)
                    .registerSnapshot(Requests.register(id).setClientToken(token).build()),
            token);
      } else if (dice < 11) {
        var lock =
            random.nextBoolean() ? Requests.governance(id, 30) : Requests.compliance(id, 30, 72);
        record(
            id,
            Kind.LOCK,
            replica,
            other,
            stub -> locks(stub).lockSnapshot(lock.setClientToken(token).build()),
            token);
      } else if (dice < 15) {
        record(
            id,
            Kind.UNLOCK,
            replica,
            other,
            stub -> locks(stub).unlockSnapshot(Requests.unlock(id).setClientToken(token).build()),
            token);
      } else {
        record(
            id,
            Kind.DELETE,
            replica,
            other,
            stub ->
                snapshots(stub)
                    .deleteSnapshot(Requests.deleteSnapshot(id).setClientToken(token).build()),
            token);
      }
      return;
    }
    int dice = random.nextInt(20);
    if (dice < 1 || ruleIds.isEmpty()) {
      createRule(replica);
      return;
    }
    String id = ruleIds.get(Math.max(0, ruleIds.size() - 1 - random.nextInt(LIVE_RULES)));
    if (dice < 5) {
      record(
          id,
          Kind.LOCK_RULE,
          replica,
          other,
          stub ->
              rules(stub)
                  .lockRule(
                      Requests.lockRule(id, 7)
                          .setRegionId(RULE_REGION)
                          .setClientToken(token)
                          .build()),
          token);
    } else if (dice < 17) {
      String description = "d-" + descriptions.incrementAndGet();
      record(
          id,
          Kind.UPDATE_RULE,
          replica,
          other,
          stub ->
              rules(stub)
                  .updateRule(
                      UpdateRuleRequest.newBuilder()
                          .setRegionId(RULE_REGION)
                          .setIdentifier(id)
                          .setRule(RetentionRule.newBuilder().setDescription(description))
                          .setUpdateMask(FieldMask.newBuilder().addPaths("description"))
                          .setClientToken(token)
                          .build()),
          token);
    } else {
      record(
          id,
          Kind.DELETE_RULE,
          replica,
          other,
          stub ->
              rules(stub)
                  .deleteRule(
                      DeleteRuleRequest.newBuilder()
                          .setRegionId(RULE_REGION)
                          .setIdentifier(id)
                          .setClientToken(token)
                          .build()),
          token);
    }
  }

  private void createRule(Replica replica) {
    String description = "d-" + descriptions.incrementAndGet();
    long start = System.nanoTime();
    Call call =
        attempt(
            "(new rule)",
            Kind.CREATE_RULE,
            replica,
            start,
            () ->
                rules(replica)
                    .createRule(
                        Requests.regionRule(10)
                            .setRegionId(RULE_REGION)
                            .setDescription(description)
                            .build()));
    if (call.succeeded()) {
      String id = ((CreateRuleResponse) call.response()).getRule().getIdentifier();
      history.add(
          new Call(
              id,
              call.kind(),
              call.replica(),
              call.start(),
              call.end(),
              call.outcome(),
              call.reason(),
              call.response()));
      ruleIds.add(id);
    }
  }

  /**
   * Makes the call through {@code replica} and records it; a successful call with a token is
   * replayed through {@code other}, which must answer the same.
   */
  private void record(
      String resource,
      Kind kind,
      Replica replica,
      Replica other,
      Function<Replica, Message> rpc,
      String token) {
    Call call = attempt(resource, kind, replica, System.nanoTime(), () -> rpc.apply(replica));
    history.add(call);
    if (call.succeeded() && !token.isEmpty()) {
      replays.incrementAndGet();
      Call replay = attempt(resource, kind, other, System.nanoTime(), () -> rpc.apply(other));
      if (!replay.succeeded() || !replay.response().equals(call.response())) {
        replayMismatches.add(
            "replaying " + call + " with its token gave " + replay + " " + replay.response());
      }
    }
  }

  private static Call attempt(
      String resource, Kind kind, Replica replica, long start, Supplier<Message> rpc) {
    try {
      Message response = rpc.get();
      return new Call(
          resource, kind, replica.name, start, System.nanoTime(), Outcome.OK, "", response);
    } catch (StatusRuntimeException failed) {
      long end = System.nanoTime();
      String reason = reason(failed);
      boolean refused = REFUSAL_CODES.contains(failed.getStatus().getCode()) && !reason.isEmpty();
      return new Call(
          resource,
          kind,
          replica.name,
          start,
          end,
          refused ? Outcome.REFUSED : Outcome.IN_DOUBT,
          refused ? reason : failed.getStatus().getCode().name(),
          null);
    }
  }

  private static String reason(StatusRuntimeException failed) {
    com.google.rpc.Status status = StatusProto.fromThrowable(failed);
    if (status == null) {
      return "";
    }
    try {
      for (var detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          return detail.unpack(ErrorInfo.class).getReason();
        }
      }
    } catch (InvalidProtocolBufferException corrupt) {
      return "";
    }
    return "";
  }

  private Map<String, Snapshot> finalSnapshots(Replica replica, Set<String> ids) {
    Map<String, Snapshot> found = new HashMap<>();
    for (String id : ids) {
      try {
        found.put(
            id,
            snapshots(replica)
                .getSnapshot(
                    GetSnapshotRequest.newBuilder()
                        .setRegionId(Requests.REGION)
                        .setSnapshotId(id)
                        .build())
                .getSnapshot());
      } catch (StatusRuntimeException notFound) {
        assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode(), notFound::toString);
      }
    }
    return found;
  }

  private Map<String, RetentionRule> finalRules(Replica replica) {
    Map<String, RetentionRule> found = new HashMap<>();
    for (String id : ruleIds) {
      try {
        found.put(
            id,
            rules(replica)
                .getRule(
                    GetRuleRequest.newBuilder().setRegionId(RULE_REGION).setIdentifier(id).build())
                .getRule());
      } catch (StatusRuntimeException notFound) {
        assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode(), notFound::toString);
      }
    }
    return found;
  }

  private static String summary(List<Call> calls) {
    return calls.stream()
        .collect(
            Collectors.groupingBy(
                call ->
                    call.kind()
                        + " "
                        + call.outcome()
                        + (call.reason().isEmpty() ? "" : " " + call.reason()),
                TreeMap::new,
                Collectors.counting()))
        .toString();
  }

  private static SnapshotServiceBlockingStub snapshots(Replica replica) {
    return SnapshotServiceGrpc.newBlockingStub(replica.channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static SnapshotLockServiceBlockingStub locks(Replica replica) {
    return SnapshotLockServiceGrpc.newBlockingStub(replica.channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static RetentionRuleServiceBlockingStub rules(Replica replica) {
    return RetentionRuleServiceGrpc.newBlockingStub(replica.channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }
}
