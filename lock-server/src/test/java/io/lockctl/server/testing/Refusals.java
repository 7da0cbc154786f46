package io.lockctl.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;

/** Asserts that a call was refused the AIP-193 way, and exposes the refusal's details. */
public final class Refusals {

  /** A refusal as a client sees it. */
  public record Refusal(Status status, ErrorInfo errorInfo, Optional<BadRequest> badRequest) {
    public List<String> violatedFields() {
      return badRequest
          .map(
              b ->
                  b.getFieldViolationsList().stream()
                      .map(BadRequest.FieldViolation::getField)
                      .toList())
          .orElse(List.of());
    }
  }

  private Refusals() {}

  /** Runs {@code call}, asserts the code and ErrorInfo (reason, domain lockctl.v1). */
  public static Refusal assertRefused(Status.Code code, String reason, Executable call) {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, call);
    Refusal refusal = refusal(refused);
    assertEquals(code, refusal.status().getCode(), () -> "status of " + refused);
    assertEquals(reason, refusal.errorInfo().getReason(), () -> "reason of " + refused);
    assertEquals("lockctl.v1", refusal.errorInfo().getDomain());
    return refusal;
  }

  /** Like {@link #assertRefused}, and the BadRequest names {@code field}. */
  public static Refusal assertInvalidField(String reason, String field, Executable call) {
    Refusal refusal = assertRefused(Status.Code.INVALID_ARGUMENT, reason, call);
    assertTrue(
        refusal.violatedFields().contains(field),
        () -> "field violations " + refusal.violatedFields() + " should name " + field);
    return refusal;
  }

  public static Refusal refusal(StatusRuntimeException refused) {
    com.google.rpc.Status status = StatusProto.fromThrowable(refused);
    assertTrue(status != null, () -> "no status details in " + refused);
    ErrorInfo errorInfo = null;
    BadRequest badRequest = null;
    try {
      for (Any detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          errorInfo = detail.unpack(ErrorInfo.class);
        } else if (detail.is(BadRequest.class)) {
          badRequest = detail.unpack(BadRequest.class);
        }
      }
    } catch (InvalidProtocolBufferException corrupt) {
      throw new AssertionError("unreadable status details", corrupt);
    }
    assertTrue(errorInfo != null, () -> "no ErrorInfo in " + refused);
    return new Refusal(refused.getStatus(), errorInfo, Optional.ofNullable(badRequest));
  }
}
