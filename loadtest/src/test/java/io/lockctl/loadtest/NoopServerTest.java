package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.DescribeLockedSnapshotsResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NoopServerTest {

  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    server = NoopServer.start("127.0.0.1", 0);
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void answersLikeLockctlForTheRequestedSnapshot() {
    String id = SnapshotIds.format(42);
    LockedSnapshotInfo lock =
        SnapshotLockServiceGrpc.newBlockingStub(channel)
            .lockSnapshot(
                LockSnapshotRequest.newBuilder()
                    .setRegionId("r1")
                    .setSnapshotId(id)
                    .setLockMode(LockMode.LOCK_MODE_GOVERNANCE)
                    .setLockDurationDays(1)
                    .build())
            .getLockedSnapshotInfo();
    assertEquals(NoopServer.LOCK.toBuilder().setSnapshotId(id).build(), lock);

    Snapshot read =
        SnapshotServiceGrpc.newBlockingStub(channel)
            .getSnapshot(
                GetSnapshotRequest.newBuilder().setRegionId("r1").setSnapshotId(id).build())
            .getSnapshot();
    assertEquals("r1", read.getRegionId());
    assertEquals(id, read.getSnapshotId());
    assertEquals(lock, read.getLock());

    Snapshot registered =
        SnapshotServiceGrpc.newBlockingStub(channel)
            .registerSnapshot(
                RegisterSnapshotRequest.newBuilder().setRegionId("r1").setSnapshotId(id).build())
            .getSnapshot();
    assertEquals(
        NoopServer.SNAPSHOT.toBuilder().setRegionId("r1").setSnapshotId(id).build(), registered);
  }

  @Test
  void describeAnswersAFullPageWithANextToken() {
    DescribeLockedSnapshotsResponse page =
        SnapshotLockServiceGrpc.newBlockingStub(channel)
            .describeLockedSnapshots(
                DescribeLockedSnapshotsRequest.newBuilder()
                    .setRegionId("r1")
                    .setPageSize(50)
                    .build());

    assertEquals(50, page.getLockedSnapshotsCount());
    assertEquals(SnapshotIds.format(49), page.getLockedSnapshots(49).getSnapshotId());
    // as long as one of lockctl's: base64 of 12 + 22 bytes
    assertEquals(46, page.getNextPageToken().length());
  }

  @Test
  void compareRunsEveryPointAndPrintsTheTable() throws Exception {
    // The no-op server standing in for lockctl too: this checks the run's sequence, not a speed.
    String target = "127.0.0.1:" + server.getPort();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        LoadTool.run(
            List.of(
                "compare",
                "--target",
                target,
                "--noop-target",
                target,
                "--count",
                "20",
                "--concurrency",
                "4",
                "--rounds",
                "2",
                "--jit-warmup",
                "0s",
                "--warmup",
                "0s",
                "--duration",
                "100ms"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
    assertTrue(text.contains("seeded lockctl: created 20, already existed 0, failed 0"), text);
    for (String rpc : List.of("LockSnapshot", "GetSnapshot", "DescribeLockedSnapshots")) {
      // two closed-loop rounds of two points each, then the two open-loop points
      assertEquals(
          6,
          text.lines().filter(l -> l.startsWith(rpc + " ") && l.contains("calls/s")).count(),
          text);
      assertTrue(text.contains("\n| " + rpc + " | "), text);
    }
  }

  @Test
  void compareOnAStoreSeededBeforehandRegistersNothing() throws Exception {
    String target = "127.0.0.1:" + server.getPort();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        LoadTool.run(
            List.of(
                "compare",
                "--target",
                target,
                "--noop-target",
                target,
                "--count",
                "20",
                "--seeded",
                "--concurrency",
                "4",
                "--rounds",
                "1",
                "--jit-warmup",
                "0s",
                "--warmup",
                "0s",
                "--duration",
                "100ms"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text);
    assertTrue(text.contains("lockctl's store already holds 20 snapshots: not seeding"), text);
    assertFalse(text.contains("seeded lockctl"), text);
  }
}
