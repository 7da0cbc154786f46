package io.lockctl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

  private final AtomicInteger issued = new AtomicInteger();
  private final ClientTokens tokens = new ClientTokens(() -> "token-" + issued.incrementAndGet());

  @Test
  void anEmptyTokenIsFilledAndTheRestOfTheRequestKept() {
    LockSnapshotRequest request =
        LockSnapshotRequest.newBuilder()
            .setRegionId("cn-hangzhou")
            .setSnapshotId("s-00000000000000000001")
            .setLockMode(LockMode.LOCK_MODE_GOVERNANCE)
            .setLockDurationDays(1)
            .build();

    LockSnapshotRequest sent = tokens.fill(request);

    assertEquals("token-1", sent.getClientToken());
    assertEquals(request, sent.toBuilder().clearClientToken().build());
  }

  @Test
  void aTokenTheCallerChoseIsKept() {
    DeleteSnapshotRequest request =
        DeleteSnapshotRequest.newBuilder()
            .setRegionId("cn-hangzhou")
            .setSnapshotId("s-00000000000000000001")
            .setClientToken("mine")
            .build();

    assertSame(request, tokens.fill(request));
    assertEquals(0, issued.get());
  }

  @Test
  void dryRunsGetATokenToo() {
    DeleteSnapshotRequest request = DeleteSnapshotRequest.newBuilder().setDryRun(true).build();

    assertEquals("token-1", tokens.fill(request).getClientToken());
  }

  @Test
  void requestsWithoutATokenFieldPassThroughUntouched() {
    GetSnapshotRequest request =
        GetSnapshotRequest.newBuilder().setSnapshotId("s-00000000000000000001").build();

    assertSame(request, tokens.fill(request));
    assertFalse(ClientTokens.hasTokenField(request));
  }

  @Test
  void eachCallGetsItsOwnRandomUuid() {
    ClientTokens random = ClientTokens.randomUuids();
    DeleteSnapshotRequest request = DeleteSnapshotRequest.getDefaultInstance();

    String first = random.fill(request).getClientToken();
    String second = random.fill(request).getClientToken();

    assertNotEquals(first, second);
    assertEquals(first, UUID.fromString(first).toString());
  }
}
