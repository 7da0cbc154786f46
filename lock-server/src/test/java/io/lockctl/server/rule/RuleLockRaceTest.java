package io.lockctl.server.rule;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.lockRule;
import static io.lockctl.server.testing.Requests.regionRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.StatusRuntimeException;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Refusals;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RuleLockState;
import io.lockctl.v1.UpdateRuleRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LockRule racing UpdateRule and DeleteRule of the same rule from several threads, on the real
 * store. Whatever interleaving happens, the responses and the final state must be explainable by
 * one serial order of the calls: in particular no update or delete ordered after a successful
 * LockRule succeeds. Every update writes a description of its own, so a response tells which update
 * it saw last.
 */
class RuleLockRaceTest {
  private static final int ROUNDS = 25;
  private static final int UPDATERS = 3;
  private static final int UPDATES_EACH = 4;

  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  /** A call's result: the rule it returned, or the reason it was refused with. */
  private record Outcome(RetentionRule rule, String refusal) {
    boolean succeeded() {
      return rule != null;
    }
  }

  @Test
  void aLockRacingUpdatesAndADeleteIsConsistentWithOneSerialOrder() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(UPDATERS + 2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        raceOnce(threads, round);
      }
    } finally {
      threads.shutdownNow();
      assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  private void raceOnce(ExecutorService threads, int round) throws Exception {
    String initial = "initial-" + round;
    String id =
        lockctl
            .rules()
            .createRule(regionRule(10).setDescription(initial).build())
            .getRule()
            .getIdentifier();
    CountDownLatch start = new CountDownLatch(1);

    Future<Outcome> lock =
        threads.submit(
            () -> {
              start.await();
              return outcome(() -> lockctl.rules().lockRule(lockRule(id, 7).build()).getRule());
            });
    List<Future<List<Outcome>>> updaters = new ArrayList<>();
    for (int u = 0; u < UPDATERS; u++) {
      int updater = u;
      updaters.add(
          threads.submit(
              () -> {
                start.await();
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < UPDATES_EACH; i++) {
                  String description = "r" + round + "-u" + updater + "-" + i;
                  outcomes.add(
                      outcome(() -> lockctl.rules().updateRule(update(id, description)).getRule()));
                }
                return outcomes;
              }));
    }
    Future<Outcome> delete =
        threads.submit(
            () -> {
              start.await();
              return outcome(
                  () ->
                      lockctl
                          .rules()
                          .deleteRule(
                              DeleteRuleRequest.newBuilder()
                                  .setRegionId(REGION)
                                  .setIdentifier(id)
                                  .build())
                          .getRule());
            });
    start.countDown();

    List<List<Outcome>> updates = new ArrayList<>();
    for (Future<List<Outcome>> updater : updaters) {
      updates.add(updater.get(30, TimeUnit.SECONDS));
    }
    assertConsistent(
        id, initial, lock.get(30, TimeUnit.SECONDS), updates, delete.get(30, TimeUnit.SECONDS));
  }

  private void assertConsistent(
      String id, String initial, Outcome lock, List<List<Outcome>> updates, Outcome delete) {
    String context =
        "rule " + id + ": lock " + lock + ", updates " + updates + ", delete " + delete;
    // Both the lock and a delete end every update: the one ordered first decides how.
    String updatesEndWith = lock.succeeded() ? "INVALID_RULE_STATE" : "RULE_NOT_FOUND";
    Set<String> lastSeenCandidates = new HashSet<>();
    for (List<Outcome> updater : updates) {
      List<Outcome> succeeded = updater.stream().takeWhile(Outcome::succeeded).toList();
      for (Outcome success : succeeded) {
        assertEquals(
            RuleLockState.RULE_LOCK_STATE_UNSPECIFIED, success.rule().getLockState(), context);
      }
      // once refused, an updater's later calls are refused the same way: the end is permanent
      updater
          .subList(succeeded.size(), updater.size())
          .forEach(refused -> assertEquals(updatesEndWith, refused.refusal(), context));
      if (!succeeded.isEmpty()) {
        lastSeenCandidates.add(succeeded.get(succeeded.size() - 1).rule().getDescription());
      }
    }
    if (lastSeenCandidates.isEmpty()) {
      lastSeenCandidates.add(initial);
    }

    if (lock.succeeded()) {
      assertEquals("INVALID_RULE_STATE", delete.refusal(), context);
      assertEquals(RuleLockState.RULE_LOCK_STATE_LOCKED, lock.rule().getLockState(), context);
      // every successful update was ordered before the lock; the lock saw the last of them
      assertTrue(lastSeenCandidates.contains(lock.rule().getDescription()), context);
      assertEquals(lock.rule(), get(id), "nothing changed the rule after its lock: " + context);
    } else {
      assertEquals("RULE_NOT_FOUND", lock.refusal(), context);
      assertTrue(delete.succeeded(), context);
      assertTrue(lastSeenCandidates.contains(delete.rule().getDescription()), context);
      assertEquals("RULE_NOT_FOUND", outcome(() -> get(id)).refusal(), context);
    }
  }

  private RetentionRule get(String id) {
    return lockctl
        .rules()
        .getRule(GetRuleRequest.newBuilder().setRegionId(REGION).setIdentifier(id).build())
        .getRule();
  }

  private static Outcome outcome(Supplier<RetentionRule> call) {
    try {
      return new Outcome(call.get(), null);
    } catch (StatusRuntimeException refused) {
      return new Outcome(null, Refusals.refusal(refused).errorInfo().getReason());
    }
  }

  private static UpdateRuleRequest update(String id, String description) {
    return UpdateRuleRequest.newBuilder()
        .setRegionId(REGION)
        .setIdentifier(id)
        .setRule(RetentionRule.newBuilder().setDescription(description))
        .setUpdateMask(FieldMask.newBuilder().addPaths("description"))
        .build();
  }
}
