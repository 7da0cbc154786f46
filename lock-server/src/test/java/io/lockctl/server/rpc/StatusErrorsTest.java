package io.lockctl.server.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.Refusals;
import io.lockctl.server.testing.Refusals.Refusal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusErrorsTest {

  @ParameterizedTest
  @EnumSource(Reason.class)
  void everyReasonTravelsWithItsCodeAndDomain(Reason reason) {
    StatusRuntimeException status =
        StatusErrors.toStatus(Rejection.of(reason, "refused", Map.of("k", "v")).toException());

    Refusal refusal = Refusals.refusal(status);
    assertEquals(reason.code().name(), refusal.status().getCode().name());
    assertEquals(reason.name(), refusal.errorInfo().getReason());
    assertEquals("lockctl.v1", refusal.errorInfo().getDomain());
    assertEquals(Map.of("k", "v"), refusal.errorInfo().getMetadataMap());
    assertEquals("refused", refusal.status().getDescription());
    assertTrue(refusal.badRequest().isEmpty());
  }

  @Test
  void fieldViolationsBecomeABadRequest() {
    StatusRuntimeException status =
        StatusErrors.toStatus(
            new CompletionException(
                Rejection.invalidField(Reason.INVALID_PARAMETER, "region_id", "must match")
                    .toException()));

    Refusal refusal = Refusals.refusal(status);
    assertEquals(Status.Code.INVALID_ARGUMENT, refusal.status().getCode());
    assertEquals(
        List.of(
            BadRequest.FieldViolation.newBuilder()
                .setField("region_id")
                .setDescription("must match")
                .build()),
        refusal.badRequest().orElseThrow().getFieldViolationsList());
  }

  @Test
  void anythingElseIsInternalWithoutDetail() {
    StatusRuntimeException status;
    try (CapturedLog log = CapturedLog.of(StatusErrors.class.getName())) {
      status =
          StatusErrors.toStatus(
              new CompletionException(
                  new StorageException(
                      "disk /var/secret is full", new IllegalStateException("boom"))));

      // the server's log keeps the cause, with its stack trace; the caller gets none of it
      assertEquals(List.of("call failed unexpectedly"), log.messages(Level.SEVERE));
      assertTrue(log.anyThrown());
    }

    assertEquals(Status.Code.INTERNAL, status.getStatus().getCode());
    assertEquals("internal error", status.getStatus().getDescription());
    assertFalse(String.valueOf(status.getTrailers()).contains("secret"));
  }

  @ParameterizedTest
  @EnumSource(
      value = StorageFault.class,
      names = {"UNAVAILABLE", "STORAGE_FULL", "DAMAGED", "OUTCOME_UNKNOWN"})
  void aClassifiedStorageFaultHasItsOwnCodeAndReason(StorageFault fault) {
    Refusal refusal =
        Refusals.refusal(
            StatusErrors.toStatus(
                new CompletionException(
                    new StorageException(fault, "a batch on /var/secret failed", null))));

    Status.Code expected =
        switch (fault) {
          case UNAVAILABLE -> Status.Code.UNAVAILABLE;
          case STORAGE_FULL -> Status.Code.RESOURCE_EXHAUSTED;
          case DAMAGED -> Status.Code.DATA_LOSS;
          default -> Status.Code.INTERNAL;
        };
    assertEquals(expected, refusal.status().getCode());
    String reason =
        switch (fault) {
          case UNAVAILABLE -> "STORE_UNAVAILABLE";
          case STORAGE_FULL -> "STORAGE_FULL";
          case DAMAGED -> "STORE_DAMAGED";
          default -> "WRITE_OUTCOME_UNKNOWN";
        };
    assertEquals(reason, refusal.errorInfo().getReason());
    assertFalse(refusal.status().getDescription().contains("secret"));
  }
}
