package io.lockctl.server.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.lockctl.server.testing.Requests;
import io.lockctl.server.testing.ServerProcess;
import io.lockctl.v1.AuditRecord;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.AuditServiceGrpc.AuditServiceBlockingStub;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListAuditEventsRequest;
import io.lockctl.v1.ListAuditEventsResponse;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.VerifyAuditRequest;
import io.lockctl.v1.VerifyAuditResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server, killed with SIGKILL at random moments while several clients write to it, and
 * restarted on the same data directory each time. After every restart: each acknowledged mutation
 * is there, each in-doubt one either happened whole or not at all, the audit log verifies and holds
 * one record for each change that took effect and none other, replaying an acknowledged client
 * token answers exactly as before, and the compliance clock did not go back.
 *
 * <p>The kill moments and the clients' choices come from one seed, printed first; run again with
 * {@code -Dlockctl.crash.seed=N} to repeat the choices (thread timing still varies).
 */
class KillNineTest {
  private static final int KILLS = 12;
  private static final int CLIENTS = 6;
  private static final int MIN_LIFE_MILLIS = 200;
  private static final int MAX_LIFE_MILLIS = 1500;
  private static final int REPLAYS_PER_LIFE = 60;
  private static final int READS_IN_FLIGHT = 32;
  private static final long CALL_SECONDS = 10;

  @TempDir Path dir;

  /** Calls whose answer a kill took: evidence that the kills land mid-call. */
  private int inDoubt;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety net; the run takes well under a minute
  void killNineLosesNothingAcknowledgedAndHalfAppliesNothing() throws Exception {
    long seed = Long.getLong("lockctl.crash.seed", System.nanoTime());
    System.out.println(
        "KillNineTest seed " + seed + " (rerun with -Dlockctl.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    Acknowledgements acks = new Acknowledgements();
    List<CrashClient> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(new CrashClient(c + 1, random.nextLong(), acks));
    }
    CrashClient prober = new CrashClient(99, random.nextLong(), acks);
    Path data = dir.resolve("data");
    Path stderr = dir.resolve("stderr.txt");

    for (int life = 0; life <= KILLS; life++) {
      try (ServerProcess server = ServerProcess.start(stderr, "--data-dir", data.toString())) {
        ManagedChannel channel = channel(server.port());
        try {
          if (life > 0) {
            checkAfterRestart(life, channel, clients, prober, acks, random, server);
          }
          if (life == KILLS) {
            break;
          }
          writeAndKill(server, clients, random.nextInt(MIN_LIFE_MILLIS, MAX_LIFE_MILLIS));
        } finally {
          channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
      }
      assertEquals(List.of(), acks.unexpected(), "answers no crash explains (seed " + seed + ")");
    }
    int tracked = clients.stream().mapToInt(c -> c.owned().size()).sum();
    System.out.println(
        "KillNineTest: "
            + KILLS
            + " kills, "
            + tracked
            + " snapshots, "
            + acks.tokenCalls().size()
            + " acknowledged token calls, "
            + inDoubt
            + " calls in doubt at a kill");
    assertTrue(
        tracked > CLIENTS * KILLS, "the clients hardly wrote anything: " + tracked + " snapshots");
  }

  /** Lets every client write on its own connection, kills the server after {@code lifeMillis}. */
  private static void writeAndKill(ServerProcess server, List<CrashClient> clients, int lifeMillis)
      throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    List<ManagedChannel> channels = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (CrashClient client : clients) {
      ManagedChannel channel = channel(server.port());
      channels.add(channel);
      Thread thread = new Thread(() -> client.writeUntil(channel, killed::get), "crash-client");
      threads.add(thread);
      thread.start();
    }
    Thread.sleep(lifeMillis); // the kill moment, chosen by the seed
    server.kill();
    killed.set(true);
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(CALL_SECONDS + 5));
      assertTrue(!thread.isAlive(), "a client did not notice the kill");
    }
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void checkAfterRestart(
      int life,
      ManagedChannel channel,
      List<CrashClient> clients,
      CrashClient prober,
      Acknowledgements acks,
      Random random,
      ServerProcess server)
      throws Exception {
    // First, before anything else runs on the new server's clock: a new lock is not older than any
    // acknowledged.
    long latestBefore = acks.latestLockCreationMillis();
    LockedSnapshotInfo probe = prober.registerAndLock(channel);
    assertNotNull(
        probe, () -> "the restarted server did not answer; stderr: " + server.stderrTail());
    assertTrue(
        TrackedSnapshot.millis(probe.getLockCreationTime()) >= latestBefore,
        () ->
            "life "
                + life
                + ": the clock went back: a lock made after the restart was created at "
                + probe.getLockCreationTime()
                + ", before one acknowledged earlier ("
                + latestBefore
                + " ms)");

    List<TrackedSnapshot> all = new ArrayList<>(prober.owned());
    clients.forEach(c -> all.addAll(c.owned()));
    List<Snapshot> found = readAll(channel, all);
    inDoubt += (int) all.stream().filter(TrackedSnapshot::inDoubt).count();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      problems.addAll(all.get(i).reconcile(found.get(i)));
    }
    assertEquals(List.of(), problems, "life " + life + ": after the restart");
    assertEachChangeHasItsRecord(life, channel, all);

    List<AckedTokenCall<?, ?>> replays = acks.tokenCalls();
    Collections.shuffle(replays, random);
    for (AckedTokenCall<?, ?> call :
        replays.subList(0, Math.min(REPLAYS_PER_LIFE, replays.size()))) {
      assertEquals(
          call.response(),
          replay(channel, call),
          () ->
              "life "
                  + life
                  + ": replaying "
                  + call.request()
                  + " answered differently after the restart");
    }
  }

  /**
   * The audit log verifies, and holds exactly one OK record for each change that took effect (none
   * for a change that did not, none for anything else): a change and its record commit together.
   */
  private static void assertEachChangeHasItsRecord(
      int life, ManagedChannel channel, List<TrackedSnapshot> snapshots) {
    AuditServiceBlockingStub audit =
        AuditServiceGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS);
    VerifyAuditResponse verified = audit.verifyAudit(VerifyAuditRequest.getDefaultInstance());
    assertTrue(verified.getOk(), () -> "life " + life + ": " + verified.getDetail());
    Map<String, List<String>> recorded = new TreeMap<>();
    ListAuditEventsRequest page = ListAuditEventsRequest.newBuilder().setPageSize(1000).build();
    long records = 0;
    while (true) {
      ListAuditEventsResponse listed = audit.listAuditEvents(page);
      for (AuditRecord record : listed.getRecordsList()) {
        records++;
        recorded
            .computeIfAbsent(record.getResource(), r -> new ArrayList<>())
            .add(
                record.getAction()
                    + (record.getOutcome().equals("OK") ? "" : " " + record.getOutcome()));
      }
      if (listed.getNextPageToken().isEmpty()) {
        break;
      }
      page = page.toBuilder().setPageToken(listed.getNextPageToken()).build();
    }
    assertEquals(verified.getTreeSize(), records, "life " + life + ": listed every record");
    Map<String, List<String>> changed = new TreeMap<>();
    for (TrackedSnapshot snapshot : snapshots) {
      List<String> changes = snapshot.changes();
      if (!changes.isEmpty()) {
        changed.put("lrn:lockctl:" + Requests.REGION + ":snapshot/" + snapshot.id, changes);
      }
    }
    assertEquals(changed, recorded, "life " + life + ": the audit log against the changes");
  }

  /** Every snapshot as the server has it now (null: NOT_FOUND), read a few dozen at a time. */
  private static List<Snapshot> readAll(ManagedChannel channel, List<TrackedSnapshot> snapshots)
      throws InterruptedException, ExecutionException {
    Semaphore inFlight = new Semaphore(READS_IN_FLIGHT);
    List<CompletableFuture<Snapshot>> reads = new ArrayList<>();
    for (TrackedSnapshot snapshot : snapshots) {
      inFlight.acquire();
      CompletableFuture<Snapshot> read = new CompletableFuture<>();
      reads.add(read);
      var unused =
          CompletableFuture.runAsync(
              () -> {
                try {
                  read.complete(
                      SnapshotServiceGrpc.newBlockingStub(channel)
                          .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                          .getSnapshot(
                              GetSnapshotRequest.newBuilder()
                                  .setRegionId(Requests.REGION)
                                  .setSnapshotId(snapshot.id)
                                  .build())
                          .getSnapshot());
                } catch (StatusRuntimeException e) {
                  if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    read.complete(null);
                  } else {
                    read.completeExceptionally(e);
                  }
                } finally {
                  inFlight.release();
                }
              });
    }
    List<Snapshot> found = new ArrayList<>();
    for (CompletableFuture<Snapshot> read : reads) {
      found.add(read.get());
    }
    return found;
  }

  private static <Q, R> R replay(ManagedChannel channel, AckedTokenCall<Q, R> call) {
    return ClientCalls.blockingUnaryCall(
        channel,
        call.method(),
        CallOptions.DEFAULT.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS),
        call.request());
  }

  private static ManagedChannel channel(int port) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }
}
