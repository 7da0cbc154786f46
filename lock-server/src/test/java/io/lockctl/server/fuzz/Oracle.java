package io.lockctl.server.fuzz;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * What every answer of a fuzzed call must satisfy. A call may be accepted or refused, but never
 * UNKNOWN or INTERNAL; a refusal carries a google.rpc.Status in {@code grpc-status-details-bin}
 * with the same code and an ErrorInfo; and a refusal changes no domain table and appends at most
 * one audit record (lockctl records a refused change of a named resource), and no audit record ever
 * goes.
 */
final class Oracle {
  static final Metadata.Key<byte[]> DETAILS =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private Oracle() {}

  /** The broken rules of one answer; empty when it is fine. */
  static List<String> judge(
      Status status, Metadata trailers, StoreDigest.State before, StoreDigest.State after) {
    List<String> problems = new ArrayList<>();
    Status.Code code = status.getCode();
    if (code == Status.Code.UNKNOWN || code == Status.Code.INTERNAL) {
      problems.add("status " + code + ": " + status.getDescription());
    }
    if (after.auditRecords() < before.auditRecords()) {
      problems.add(
          "the audit log shrank: " + before.auditRecords() + " -> " + after.auditRecords());
    }
    if (code == Status.Code.OK) {
      return problems;
    }
    String detailsProblem = errorInfoProblem(code, trailers);
    if (detailsProblem != null) {
      problems.add(code + " (" + status.getDescription() + ") " + detailsProblem);
    }
    List<String> changed = before.changedTables(after);
    if (!changed.isEmpty()) {
      problems.add("partial write: refused with " + code + " but changed " + changed);
    }
    long appended = after.auditRecords() - before.auditRecords();
    if (appended > 1) {
      problems.add("a refusal appended " + appended + " audit records");
    }
    return problems;
  }

  /** Why the trailers carry no ErrorInfo for {@code code}, or null when they do. */
  static String errorInfoProblem(Status.Code code, Metadata trailers) {
    byte[] bytes = trailers == null ? null : trailers.get(DETAILS);
    if (bytes == null) {
      return "without grpc-status-details-bin";
    }
    com.google.rpc.Status details;
    try {
      details = com.google.rpc.Status.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return "with unreadable grpc-status-details-bin";
    }
    if (details.getCode() != code.value()) {
      return "with details of another code (" + details.getCode() + ")";
    }
    for (Any detail : details.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        try {
          ErrorInfo info = detail.unpack(ErrorInfo.class);
          return info.getReason().isEmpty() ? "with an ErrorInfo without a reason" : null;
        } catch (InvalidProtocolBufferException e) {
          return "with an unreadable ErrorInfo";
        }
      }
    }
    return "without ErrorInfo";
  }
}
