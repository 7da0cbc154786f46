package io.lockctl.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.lockctl.v1.ErrorReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A lockctl call that did not succeed, with the AIP-193 error details decoded.
 *
 * <p>Callers switch on {@link #code()} and {@link #errorReason()} (the {@code ErrorInfo.reason} as
 * the generated {@code ErrorReason}, such as {@code ERROR_REASON_SNAPSHOT_LOCKED}; {@link
 * #reason()} is the same as a string), never on the message, which is for humans. Failures that did
 * not come from lockctl (a deadline, a connection that could not be made) have a code but an empty
 * reason.
 */
public final class LockctlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The {@code ErrorInfo.domain} of lockctl's own errors. */
  public static final String LOCKCTL_DOMAIN = "lockctl.v1";

  private static final String REASON_PREFIX = "ERROR_REASON_";

  private final Status.Code code;
  private final String reason;
  private final String domain;
  private final Map<String, String> metadata;
  private final List<FieldViolation> fieldViolations;

  private LockctlException(
      StatusRuntimeException cause,
      String reason,
      String domain,
      Map<String, String> metadata,
      List<FieldViolation> fieldViolations) {
    super(message(cause.getStatus(), reason), cause);
    this.code = cause.getStatus().getCode();
    this.reason = reason;
    this.domain = domain;
    this.metadata = Map.copyOf(metadata);
    this.fieldViolations = List.copyOf(fieldViolations);
  }

  /** Decodes the status and its details; details that cannot be parsed are skipped, never fatal. */
  public static LockctlException from(StatusRuntimeException e) {
    String reason = "";
    String domain = "";
    Map<String, String> metadata = Map.of();
    List<FieldViolation> violations = new ArrayList<>();
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details != null) {
      for (Any detail : details.getDetailsList()) {
        try {
          if (detail.is(ErrorInfo.class)) {
            ErrorInfo info = detail.unpack(ErrorInfo.class);
            reason = info.getReason();
            domain = info.getDomain();
            metadata = info.getMetadataMap();
          } else if (detail.is(BadRequest.class)) {
            for (BadRequest.FieldViolation v :
                detail.unpack(BadRequest.class).getFieldViolationsList()) {
              violations.add(new FieldViolation(v.getField(), v.getDescription()));
            }
          }
        } catch (InvalidProtocolBufferException malformed) {
          // A garbled detail must not hide the status code, which is still meaningful on its own.
        }
      }
    }
    return new LockctlException(e, reason, domain, metadata, violations);
  }

  public Status.Code code() {
    return code;
  }

  /**
   * The {@code ErrorInfo.reason}, e.g. "SNAPSHOT_NOT_FOUND"; empty when the status carried none.
   */
  public String reason() {
    return reason;
  }

  /**
   * The reason as the generated enum, to switch on: {@code ERROR_REASON_SNAPSHOT_NOT_FOUND} for
   * "SNAPSHOT_NOT_FOUND". {@code ERROR_REASON_UNSPECIFIED} when the status carried no reason (a
   * deadline, a connection that failed); {@code UNRECOGNIZED} for a reason this client's build does
   * not know (a newer server's) or one from another domain.
   */
  public ErrorReason errorReason() {
    if (reason.isEmpty()) {
      return ErrorReason.ERROR_REASON_UNSPECIFIED;
    }
    if (!domain.equals(LOCKCTL_DOMAIN)) {
      return ErrorReason.UNRECOGNIZED;
    }
    try {
      ErrorReason known = ErrorReason.valueOf(REASON_PREFIX + reason);
      return known == ErrorReason.ERROR_REASON_UNSPECIFIED ? ErrorReason.UNRECOGNIZED : known;
    } catch (IllegalArgumentException unknown) {
      return ErrorReason.UNRECOGNIZED;
    }
  }

  /** The {@code ErrorInfo.domain} ("lockctl.v1" for lockctl's own errors); empty when none. */
  public String domain() {
    return domain;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  public List<FieldViolation> fieldViolations() {
    return fieldViolations;
  }

  private static String message(Status status, String reason) {
    StringBuilder text = new StringBuilder(status.getCode().name());
    if (!reason.isEmpty()) {
      text.append('/').append(reason);
    }
    if (status.getDescription() != null) {
      text.append(": ").append(status.getDescription());
    }
    return text.toString();
  }
}
