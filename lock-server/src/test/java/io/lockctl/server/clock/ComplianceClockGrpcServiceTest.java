package io.lockctl.server.clock;

import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.clock.SettableTicker;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Requests;
import io.lockctl.v1.AcceptClockRequest;
import io.lockctl.v1.AcceptClockResponse;
import io.lockctl.v1.AuditRecord;
import io.lockctl.v1.ComplianceClockState;
import io.lockctl.v1.GetComplianceClockRequest;
import io.lockctl.v1.GetComplianceClockResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListAuditEventsRequest;
import io.lockctl.v1.LockStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * lockctl.v1.ComplianceClockService in-process, on a compliance clock that runs as production's
 * does: the system clock jumps two days ahead, the compliance clock slews instead of following, and
 * a lock that would have expired in the jump holds until an operator accepts the clock.
 */
class ComplianceClockGrpcServiceTest {
  private static final Duration JUMP = Duration.ofDays(2);

  private final SettableTicker ticker = new SettableTicker(0);

  @RegisterExtension final InProcessLockctl lockctl = InProcessLockctl.withMonotonicTime(ticker);

  @Test
  void aClockInStepIsInSyncWithNoLag() {
    GetComplianceClockResponse clock = read();

    assertEquals(ComplianceClockState.COMPLIANCE_CLOCK_STATE_IN_SYNC, clock.getState());
    assertEquals(clock.getSystemTime(), clock.getComplianceTime());
    assertEquals(com.google.protobuf.Duration.getDefaultInstance(), clock.getLag());
  }

  @Test
  void aForwardJumpIsSlewedAndLocksHoldUntilTheClockIsAccepted() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 1).build());
    Instant before = time(read());

    lockctl.clock().advance(JUMP);
    GetComplianceClockResponse slewing = read();

    assertEquals(ComplianceClockState.COMPLIANCE_CLOCK_STATE_SLEWING, slewing.getState());
    assertEquals(before, time(slewing), "no real time passed, so the compliance clock stood");
    assertEquals(
        com.google.protobuf.Duration.newBuilder().setSeconds(JUMP.toSeconds()).build(),
        slewing.getLag());
    assertEquals(LockStatus.LOCK_STATUS_GOVERNANCE, lockStatus(snapshotId(1)));

    AcceptClockResponse accepted =
        lockctl
            .complianceClockAs("ops")
            .acceptClock(AcceptClockRequest.newBuilder().setClientToken("accept-1").build());

    assertEquals(ComplianceClockState.COMPLIANCE_CLOCK_STATE_SLEWING, accepted.getStateBefore());
    assertEquals(ProtoTime.toTimestamp(before), accepted.getFromTime());
    assertEquals(accepted.getSystemTime(), accepted.getToTime());
    assertEquals(ProtoTime.toTimestamp(before.plus(JUMP)), accepted.getToTime());
    assertEquals(ComplianceClockState.COMPLIANCE_CLOCK_STATE_IN_SYNC, read().getState());
    assertEquals(LockStatus.LOCK_STATUS_EXPIRED, lockStatus(snapshotId(1)));
  }

  @Test
  void aDryRunAnswersWhatWouldHappenAndLeavesTheClockSlewing() {
    Instant before = time(read());
    lockctl.clock().advance(JUMP);

    AcceptClockResponse preview =
        lockctl
            .complianceClockAs("ops")
            .acceptClock(AcceptClockRequest.newBuilder().setDryRun(true).build());

    assertEquals(ProtoTime.toTimestamp(before), preview.getFromTime());
    assertEquals(ProtoTime.toTimestamp(before.plus(JUMP)), preview.getToTime());
    assertEquals(ComplianceClockState.COMPLIANCE_CLOCK_STATE_SLEWING, read().getState());
    assertEquals(before, time(read()));
    assertEquals(List.of(), acceptances());
  }

  @Test
  void anAcceptanceIsAuditedOnceAndItsTokenReplaysTheFirstAnswer() {
    lockctl.clock().advance(JUMP);
    AcceptClockRequest request = AcceptClockRequest.newBuilder().setClientToken("accept-2").build();

    AcceptClockResponse first = lockctl.complianceClockAs("ops").acceptClock(request);
    ticker.advance(Duration.ofMinutes(5));
    lockctl.clock().advance(Duration.ofMinutes(5));
    AcceptClockResponse replayed = lockctl.complianceClockAs("ops").acceptClock(request);

    assertEquals(first, replayed);
    List<AuditRecord> records = acceptances();
    assertEquals(1, records.size());
    assertEquals("ops", records.get(0).getPrincipal());
    assertEquals("lrn:lockctl::clock", records.get(0).getResource());
    assertEquals("OK", records.get(0).getOutcome());
    assertEquals("accept-2", records.get(0).getClientToken());
  }

  @Test
  void acceptingAClockInSyncChangesNothing() {
    Instant now = time(read());

    AcceptClockResponse accepted =
        lockctl.complianceClock().acceptClock(AcceptClockRequest.getDefaultInstance());

    assertEquals(ComplianceClockState.COMPLIANCE_CLOCK_STATE_IN_SYNC, accepted.getStateBefore());
    assertEquals(ProtoTime.toTimestamp(now), accepted.getFromTime());
    assertEquals(accepted.getFromTime(), accepted.getToTime());
    assertTrue(time(read()).equals(now));
  }

  private GetComplianceClockResponse read() {
    return lockctl
        .complianceClock()
        .getComplianceClock(GetComplianceClockRequest.getDefaultInstance());
  }

  private static Instant time(GetComplianceClockResponse clock) {
    return ProtoTime.toInstant(clock.getComplianceTime(), "compliance_time");
  }

  private LockStatus lockStatus(String snapshotId) {
    return lockctl
        .snapshots()
        .getSnapshot(
            GetSnapshotRequest.newBuilder()
                .setRegionId(Requests.REGION)
                .setSnapshotId(snapshotId)
                .build())
        .getSnapshot()
        .getLock()
        .getLockStatus();
  }

  private List<AuditRecord> acceptances() {
    return lockctl
        .audit()
        .listAuditEvents(
            ListAuditEventsRequest.newBuilder().setAction("lockctl:AcceptClock").build())
        .getRecordsList();
  }
}
