package io.lockctl.server.rpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns failures into gRPC statuses the AIP-193 way: a refusal carries its canonical code, its
 * message, a {@code google.rpc.ErrorInfo} and, for malformed fields, a {@code
 * google.rpc.BadRequest}. A storage fault the store classified gets the status that says what it
 * means for the caller (retry, free space, restart) with a reason of its own. Anything else is a
 * bug: it is logged here and the caller only learns INTERNAL, so no stack trace or internal detail
 * leaks.
 */
public final class StatusErrors {
  public static final String DOMAIN = "lockctl.v1";

  private static final Logger LOG = Logger.getLogger(StatusErrors.class.getName());

  private StatusErrors() {}

  /** The status to answer a call that failed with {@code failure}. */
  public static StatusRuntimeException toStatus(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RejectedException rejected) {
      return toStatus(rejected.rejection());
    }
    if (cause instanceof StorageException storage && storage.fault() != StorageFault.FAILED) {
      // The store logged the failure where it began, once per outage.
      LOG.log(Level.FINE, "a call met a storage fault", storage);
      return toStatus(storage.fault());
    }
    LOG.log(Level.SEVERE, "call failed unexpectedly", cause);
    return Status.INTERNAL.withDescription("internal error").asRuntimeException();
  }

  /** The status of a storage fault: the code says whether retrying can help. */
  private static StatusRuntimeException toStatus(StorageFault fault) {
    return switch (fault) {
      case UNAVAILABLE ->
          storageStatus(
              Status.Code.UNAVAILABLE,
              "STORE_UNAVAILABLE",
              "the store cannot take the call now; nothing of it took effect; retry");
      case STORAGE_FULL ->
          storageStatus(
              Status.Code.RESOURCE_EXHAUSTED,
              "STORAGE_FULL",
              "the store's disk is full; nothing of the call took effect");
      case DAMAGED ->
          storageStatus(
              Status.Code.DATA_LOSS,
              "STORE_DAMAGED",
              "the store's data is damaged; the server serves nothing until it is restarted");
      case OUTCOME_UNKNOWN ->
          storageStatus(
              Status.Code.INTERNAL,
              "WRITE_OUTCOME_UNKNOWN",
              "whether the write took effect is unknown; retry with the same client_token");
      case FAILED -> Status.INTERNAL.withDescription("internal error").asRuntimeException();
    };
  }

  private static StatusRuntimeException storageStatus(
      Status.Code code, String reason, String message) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(code.value())
            .setMessage(message)
            .addDetails(
                Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()))
            .build());
  }

  /**
   * The status of a refusal, cut if need be to fit in a client's trailers ({@link ErrorBudget}).
   */
  public static StatusRuntimeException toStatus(Rejection rejection) {
    Rejection fitted = ErrorBudget.fit(rejection, candidate -> trailerBytes(details(candidate)));
    return StatusProto.toStatusRuntimeException(details(fitted));
  }

  private static int trailerBytes(com.google.rpc.Status status) {
    int base64 = (status.getSerializedSize() + 2) / 3 * 4;
    return ErrorBudget.percentEncodedBytes(status.getMessage()) + base64;
  }

  private static com.google.rpc.Status details(Rejection rejection) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder()
            .setCode(code(rejection).value())
            .setMessage(rejection.message())
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setReason(rejection.reason().name())
                        .setDomain(DOMAIN)
                        .putAllMetadata(rejection.metadata())
                        .build()));
    if (!rejection.violations().isEmpty()) {
      BadRequest.Builder badRequest = BadRequest.newBuilder();
      for (FieldViolation violation : rejection.violations()) {
        badRequest.addFieldViolations(
            BadRequest.FieldViolation.newBuilder()
                .setField(violation.field())
                .setDescription(violation.description()));
      }
      status.addDetails(Any.pack(badRequest.build()));
    }
    return status.build();
  }

  private static Status.Code code(Rejection rejection) {
    return switch (rejection.reason().code()) {
      case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.Code.NOT_FOUND;
      case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
      case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
      case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
      case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
      case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
    };
  }

  /** Futures wrap the work's own exception; report the exception the work threw. */
  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
