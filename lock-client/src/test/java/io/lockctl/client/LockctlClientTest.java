package io.lockctl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockSnapshotResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against {@link FakeLockctlServer}: what reaches the server, attempt by attempt. */
class LockctlClientTest {

  private static final LockSnapshotRequest LOCK =
      LockSnapshotRequest.newBuilder()
          .setRegionId("cn-hangzhou")
          .setSnapshotId("s-00000000000000000007")
          .setLockMode(LockMode.LOCK_MODE_GOVERNANCE)
          .setLockDurationDays(1)
          .build();

  private FakeLockctlServer server;
  private ManagedChannel channel;
  private LockctlClient client;

  @BeforeEach
  void start() throws Exception {
    server = new FakeLockctlServer();
    channel = server.retryingChannel(4);
    client =
        LockctlClient.builder()
            .channel(channel)
            .caller("backup-agent")
            .defaultDeadline(Duration.ofSeconds(30))
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void aLostResponseIsRetriedWithTheSameGeneratedToken() {
    server.loseResponses("lockctl.v1.SnapshotLockService/LockSnapshot", 1);

    LockSnapshotResponse response = client.lockSnapshot(LOCK);

    assertEquals(LOCK.getSnapshotId(), response.getLockedSnapshotInfo().getSnapshotId());
    List<FakeLockctlServer.Attempt> attempts = server.attempts();
    assertEquals(2, attempts.size());
    String first = ((LockSnapshotRequest) attempts.get(0).request()).getClientToken();
    String second = ((LockSnapshotRequest) attempts.get(1).request()).getClientToken();
    assertFalse(first.isEmpty());
    assertEquals(first, second);
  }

  @Test
  void separateCallsGetSeparateTokens() {
    client.lockSnapshot(LOCK);
    client.lockSnapshot(LOCK);

    List<FakeLockctlServer.Attempt> attempts = server.attempts();
    assertFalse(
        ((LockSnapshotRequest) attempts.get(0).request())
            .getClientToken()
            .equals(((LockSnapshotRequest) attempts.get(1).request()).getClientToken()));
  }

  @Test
  void readsAreRetriedToo() {
    server.loseResponses("lockctl.v1.SnapshotService/GetSnapshot", 2);

    client.getSnapshot(
        GetSnapshotRequest.newBuilder()
            .setRegionId("cn-hangzhou")
            .setSnapshotId("s-00000000000000000007")
            .build());

    assertEquals(3, server.attempts().size());
  }

  @Test
  void aRefusalIsNotRetriedAndArrivesTyped() {
    LockctlException e =
        assertThrows(
            LockctlException.class,
            () ->
                client.deleteSnapshot(
                    DeleteSnapshotRequest.newBuilder()
                        .setRegionId("cn-hangzhou")
                        .setSnapshotId("s-00000000000000000007")
                        .build()));

    assertEquals(Status.Code.FAILED_PRECONDITION, e.code());
    assertEquals("SNAPSHOT_LOCKED", e.reason());
    assertEquals("GOVERNANCE", e.metadata().get("lock_status"));
    assertEquals(1, server.attempts().size());
  }

  @Test
  void givesUpUnavailableAfterMaxAttempts() {
    server.loseResponses("lockctl.v1.SnapshotLockService/LockSnapshot", 100);

    LockctlException e = assertThrows(LockctlException.class, () -> client.lockSnapshot(LOCK));

    assertEquals(Status.Code.UNAVAILABLE, e.code());
    assertEquals("", e.reason());
    assertEquals(4, server.attempts().size());
  }

  @Test
  void everyAttemptCarriesTheCallerAndADeadline() {
    server.loseResponses("lockctl.v1.SnapshotLockService/LockSnapshot", 1);

    client.lockSnapshot(LOCK);

    for (FakeLockctlServer.Attempt attempt : server.attempts()) {
      assertEquals("backup-agent", attempt.headers().get(LockctlClient.CALLER_HEADER));
      assertTrue(
          attempt.deadline() != null && attempt.deadline().timeRemaining(TimeUnit.SECONDS) <= 30);
    }
  }

  @Test
  void closingTheClientLeavesAChannelItWasGivenOpen() {
    client.close();

    assertFalse(channel.isShutdown());
  }
}
