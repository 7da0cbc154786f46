package io.lockctl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.lockctl.v1.ErrorReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockctlExceptionTest {

  @Test
  void decodesErrorInfoAndFieldViolations() {
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage("lock_duration_days must be 1-36500")
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setReason("INVALID_LOCK_DURATION")
                        .setDomain("lockctl.v1")
                        .putMetadata("field", "lock_duration_days")
                        .build()))
            .addDetails(
                Any.pack(
                    BadRequest.newBuilder()
                        .addFieldViolations(
                            BadRequest.FieldViolation.newBuilder()
                                .setField("lock_duration_days")
                                .setDescription("must be 1-36500, was 0"))
                        .build()))
            .build();
    StatusRuntimeException wire = StatusProto.toStatusRuntimeException(status);

    LockctlException e = LockctlException.from(wire);

    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertEquals("INVALID_LOCK_DURATION", e.reason());
    assertEquals("lockctl.v1", e.domain());
    assertEquals(Map.of("field", "lock_duration_days"), e.metadata());
    assertEquals(
        List.of(new FieldViolation("lock_duration_days", "must be 1-36500, was 0")),
        e.fieldViolations());
    assertEquals(
        "INVALID_ARGUMENT/INVALID_LOCK_DURATION: lock_duration_days must be 1-36500",
        e.getMessage());
    assertSame(wire, e.getCause());
  }

  @Test
  void aStatusWithoutDetailsHasAnEmptyReason() {
    LockctlException e =
        LockctlException.from(
            Status.DEADLINE_EXCEEDED.withDescription("too slow").asRuntimeException());

    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
    assertEquals("", e.reason());
    assertEquals("", e.domain());
    assertTrue(e.metadata().isEmpty());
    assertTrue(e.fieldViolations().isEmpty());
    assertEquals("DEADLINE_EXCEEDED: too slow", e.getMessage());
  }

  @Test
  void aGarbledDetailIsSkippedAndTheOthersKept() {
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.FAILED_PRECONDITION_VALUE)
            .addDetails(
                Any.newBuilder()
                    .setTypeUrl("type.googleapis.com/google.rpc.BadRequest")
                    .setValue(
                        ByteString.copyFrom(
                            new byte[] {0x0A, 0x7F}))) // field 1 says 127 bytes follow; none do
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setReason("SNAPSHOT_LOCKED")
                        .setDomain("lockctl.v1")
                        .build()))
            .build();

    LockctlException e = LockctlException.from(StatusProto.toStatusRuntimeException(status));

    assertEquals(Status.Code.FAILED_PRECONDITION, e.code());
    assertEquals("SNAPSHOT_LOCKED", e.reason());
    assertTrue(e.fieldViolations().isEmpty());
  }

  @Test
  void theReasonAsTheGeneratedEnum() {
    assertEquals(
        ErrorReason.ERROR_REASON_SNAPSHOT_LOCKED,
        withReason("SNAPSHOT_LOCKED", "lockctl.v1").errorReason());
    assertEquals(
        ErrorReason.UNRECOGNIZED,
        withReason("A_REASON_FROM_A_NEWER_SERVER", "lockctl.v1").errorReason());
    assertEquals(ErrorReason.UNRECOGNIZED, withReason("UNSPECIFIED", "lockctl.v1").errorReason());
    assertEquals(
        ErrorReason.UNRECOGNIZED, withReason("SNAPSHOT_LOCKED", "googleapis.com").errorReason());
    assertEquals(
        ErrorReason.ERROR_REASON_UNSPECIFIED,
        LockctlException.from(Status.UNAVAILABLE.asRuntimeException()).errorReason());
  }

  private static LockctlException withReason(String reason, String domain) {
    return LockctlException.from(
        StatusProto.toStatusRuntimeException(
            com.google.rpc.Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION_VALUE)
                .addDetails(
                    Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(domain).build()))
                .build()));
  }
}
