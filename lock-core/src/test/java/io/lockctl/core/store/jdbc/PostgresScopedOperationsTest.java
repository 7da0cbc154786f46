package io.lockctl.core.store.jdbc;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditEntry;
import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.auth.Lrn;
import io.lockctl.core.error.ErrorCode;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.store.postgres.PostgresStore;
import io.lockctl.core.testing.World;
import io.lockctl.core.transaction.WriteScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshot lock calls through two PostgreSQL stores on one schema, as through two replicas, whose
 * batches run side by side when they lock different snapshots.
 */
class PostgresScopedOperationsTest {
  private static final int RACES = 30;

  private final TestSchema schema = TestSchema.create();
  private final World a = World.on(START, clock -> PostgresStore.open(schema.url(), clock));
  private final World b = World.on(START, clock -> PostgresStore.open(schema.url(), clock));

  @AfterEach
  void tearDown() throws Exception {
    a.close();
    b.close();
    schema.drop();
  }

  /**
   * One client token sent at once through both, with two different requests. The token's record is
   * part of each call's scope, so the calls still run one after the other: the second is refused as
   * a mismatch, never failed on the record's unique key.
   */
  @Test
  void aTokenRacedThroughBothReplicasForTwoSnapshotsLocksOneAndRefusesTheOther() {
    register(1);
    register(2);
    for (int race = 0; race < RACES; race++) {
      String token = "token-" + race;
      List<CompletableFuture<?>> calls = new ArrayList<>();
      calls.add(a.locks.lock(withToken(token, 1), lock(1)));
      calls.add(b.locks.lock(withToken(token, 2), lock(2)));
      int locked = 0;
      for (CompletableFuture<?> call : calls) {
        try {
          call.join();
          locked++;
        } catch (CompletionException failed) {
          RejectedException refused = assertInstanceOf(RejectedException.class, failed.getCause());
          assertEquals(Reason.IDEMPOTENT_PARAMETER_MISMATCH, refused.reason(), "race " + race);
        }
      }
      assertEquals(1, locked, "race " + race);
    }
  }

  /** A refusal's audit record is written in the refused call's scope, not apart from all writes. */
  @Test
  void aRefusedLockIsRecordedWhileTheOtherReplicaWritesAnotherSnapshot() throws Exception {
    register(1);
    register(2, SnapshotStatus.FAILED);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> held =
        b.store.write(
            WriteScope.of(Lrn.snapshot(REGION, id(1))),
            tx -> {
              running.countDown();
              try {
                return release.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      assertTrue(running.await(20, TimeUnit.SECONDS), "B never ran the held write");
      CompletionException refused =
          assertThrows(
              CompletionException.class,
              () -> a.locks.lock(World.call(), lock(2)).orTimeout(20, TimeUnit.SECONDS).join());
      assertEquals(
          ErrorCode.FAILED_PRECONDITION,
          assertInstanceOf(RejectedException.class, refused.getCause()).reason().code());
      assertFalse(held.isDone());
    } finally {
      release.countDown();
    }
    held.get(20, TimeUnit.SECONDS);
    List<AuditEvent> log = a.read(tx -> tx.auditLog().scan(0, 10));
    AuditEntry recorded = log.get(log.size() - 1).entry();
    assertEquals(Lrn.snapshot(REGION, id(2)), recorded.resource());
    assertEquals("lockctl:LockSnapshot", recorded.action());
    assertNotEquals(AuditEntry.OUTCOME_OK, recorded.outcome());
  }

  private void register(int n) {
    register(n, SnapshotStatus.ACCOMPLISHED);
  }

  private void register(int n, SnapshotStatus status) {
    World.await(
        a.snapshots.register(
            World.call(),
            new RegisterSnapshotCommand(REGION, id(n), status, 0, false, "", Map.of(), null)));
  }

  /** The request digest tells the two requests apart, as the edge's fingerprint does. */
  private static Mutation withToken(String token, int request) {
    byte[] digest = new byte[32];
    digest[0] = (byte) request;
    return new Mutation(World.CALLER, token, false, digest);
  }

  private static LockSnapshotCommand lock(int n) {
    return new LockSnapshotCommand(REGION, id(n), LockMode.GOVERNANCE, new LockTerm.Days(1), 0, "");
  }
}
