package io.lockctl.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lockctl.client.FieldViolation;
import io.lockctl.client.LockctlException;
import java.io.PrintWriter;
import java.util.Map;

/** Prints a refused or failed call the way an operator reads it: code, reason, details. */
final class RpcErrors {
  private RpcErrors() {}

  /**
   * One line with the status code, the ErrorInfo reason and the message, then a line per metadata
   * entry and per field violation.
   */
  static void print(StatusRuntimeException failure, String method, PrintWriter err) {
    LockctlException error = LockctlException.from(failure);
    String description = failure.getStatus().getDescription();
    StringBuilder line = new StringBuilder("lockctl: ").append(error.code());
    if (!error.reason().isEmpty()) {
      line.append(' ').append(error.reason());
    }
    if (description != null && !description.isEmpty()) {
      line.append(": ").append(description);
    }
    err.println(line);
    for (Map.Entry<String, String> entry : error.metadata().entrySet()) {
      err.println("  " + entry.getKey() + ": " + entry.getValue());
    }
    for (FieldViolation violation : error.fieldViolations()) {
      err.println("  field " + violation.field() + ": " + violation.description());
    }
    if (error.code() == Status.Code.UNIMPLEMENTED) {
      err.println(
          "  the server does not serve "
              + method
              + ": it is older than this lockctl, or the RPC is not built yet");
    } else if (error.code() == Status.Code.UNAVAILABLE) {
      err.println("  is a lockctl server listening there? (see --target)");
    }
  }
}
