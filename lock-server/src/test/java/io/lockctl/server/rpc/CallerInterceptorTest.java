package io.lockctl.server.rpc;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.v1.ListSnapshotsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CallerInterceptorTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void aMalformedCallerIsRefusedBeforeTheServiceRuns() {
    assertInvalidField(
        "INVALID_PARAMETER",
        "lockctl-caller",
        () ->
            lockctl.snapshotsAs("x".repeat(129)).registerSnapshot(register(snapshotId(1)).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "lockctl-caller",
        () -> lockctl.snapshotsAs("").registerSnapshot(register(snapshotId(1)).build()));

    assertEquals(
        0,
        lockctl
            .snapshots()
            .listSnapshots(ListSnapshotsRequest.newBuilder().setRegionId(REGION).build())
            .getSnapshotsCount());
  }

  @Test
  void theLongestValidCallerIsAccepted() {
    String caller = "~".repeat(128);
    lockctl.snapshotsAs(caller).registerSnapshot(register(snapshotId(1)).build());

    assertEquals(
        5,
        lockctl
            .locksAs(caller)
            .lockSnapshot(governance(snapshotId(1), 5).build())
            .getLockedSnapshotInfo()
            .getLockDurationDays());
  }
}
