package io.lockctl.core.error;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

  /**
   * INVALID_PARAMETER naming every violation (the {@code google.rpc.BadRequest} of the answer), or
   * empty when there is none.
   */
  public static Optional<Rejection> invalidParameters(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    String message =
        violations.stream()
            .map(v -> v.field() + ": " + v.description())
            .collect(Collectors.joining("; "));
    return Optional.of(new Rejection(Reason.INVALID_PARAMETER, message, Map.of(), violations));
  }

  /** Throws the {@link #invalidParameters} rejection, if there is one. */
  public static void throwIfInvalid(List<FieldViolation> violations) {
    invalidParameters(violations)
        .ifPresent(
            rejection -> {
              throw rejection.toException();
            });
  }

  public RejectedException toException() {
    return new RejectedException(this);
  }
}
