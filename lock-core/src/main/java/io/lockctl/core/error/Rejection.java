package io.lockctl.core.error;

import java.util.List;
import java.util.Map;

/**
 * Why a command was refused: a stable reason, a message for humans, machine-readable metadata and,
 * for malformed input, the offending fields. A rejected command writes nothing.
 */
public record Rejection(
    Reason reason, String message, Map<String, String> metadata, List<FieldViolation> violations) {

  public Rejection {
    metadata = Map.copyOf(metadata);
    violations = List.copyOf(violations);
  }

  public static Rejection of(Reason reason, String message) {
    return new Rejection(reason, message, Map.of(), List.of());
  }

  public static Rejection of(Reason reason, String message, Map<String, String> metadata) {
    return new Rejection(reason, message, metadata, List.of());
  }

  /** A malformed field: the reason plus a field violation naming it. */
  public static Rejection invalidField(Reason reason, String field, String description) {
    return new Rejection(
        reason,
        field + ": " + description,
        Map.of(),
        List.of(new FieldViolation(field, description)));
  }

  public RejectedException toException() {
    return new RejectedException(this);
  }
}
