package io.lockctl.server.clock;

import io.grpc.stub.StreamObserver;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clockcontrol.ClockControlService;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.rpc.UnaryCalls;
import io.lockctl.v1.AcceptClockRequest;
import io.lockctl.v1.AcceptClockResponse;
import io.lockctl.v1.ComplianceClockServiceGrpc;
import io.lockctl.v1.ComplianceClockState;
import io.lockctl.v1.GetComplianceClockRequest;
import io.lockctl.v1.GetComplianceClockResponse;
import jakarta.inject.Inject;
import java.time.Duration;

/** lockctl.v1.ComplianceClockService over {@link ClockControlService}: translation only. */
public final class ComplianceClockGrpcService
    extends ComplianceClockServiceGrpc.ComplianceClockServiceImplBase {
  private final ClockControlService clock;
  private final UnaryCalls calls;

  @Inject
  ComplianceClockGrpcService(ClockControlService clock, UnaryCalls calls) {
    this.clock = clock;
    this.calls = calls;
  }

  @Override
  public void getComplianceClock(
      GetComplianceClockRequest request, StreamObserver<GetComplianceClockResponse> observer) {
    calls.answer(
        observer,
        () -> clock.read(Mutations.caller()),
        reading ->
            GetComplianceClockResponse.newBuilder()
                .setComplianceTime(ProtoTime.toTimestamp(reading.complianceTime()))
                .setSystemTime(ProtoTime.toTimestamp(reading.wallTime()))
                .setLag(toProto(reading.lag()))
                .setState(toProto(reading.state()))
                .build());
  }

  @Override
  public void acceptClock(
      AcceptClockRequest request, StreamObserver<AcceptClockResponse> observer) {
    calls.answerLater(
        observer,
        () -> clock.accept(Mutations.of(request, request.getClientToken(), request.getDryRun())),
        acceptance ->
            AcceptClockResponse.newBuilder()
                .setFromTime(ProtoTime.toTimestamp(acceptance.from()))
                .setToTime(ProtoTime.toTimestamp(acceptance.to()))
                .setSystemTime(ProtoTime.toTimestamp(acceptance.wall()))
                .setStateBefore(toProto(acceptance.before()))
                .build());
  }

  private static com.google.protobuf.Duration toProto(Duration duration) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(duration.getSeconds())
        .setNanos(duration.getNano())
        .build();
  }

  private static ComplianceClockState toProto(ComplianceClock.State state) {
    return switch (state) {
      case IN_SYNC -> ComplianceClockState.COMPLIANCE_CLOCK_STATE_IN_SYNC;
      case SLEWING -> ComplianceClockState.COMPLIANCE_CLOCK_STATE_SLEWING;
      case HOLDING_BACK -> ComplianceClockState.COMPLIANCE_CLOCK_STATE_HOLDING_BACK;
    };
  }
}
