package io.lockctl.server.rpc;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.error.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Keeps every refusal within what clients accept as trailers: gRPC's default limit is 8 KiB, and a
 * refusal is sent twice (the percent-encoded {@code grpc-message} and the base64 {@code
 * grpc-status-details-bin}). A rejection is cut, step by step, to shorter texts and fewer field
 * violations until its trailers fit; the reason and code never change. Texts are escaped, so a
 * caller's value cannot break a line of a log or a terminal either.
 */
final class ErrorBudget {
  /** Bytes of the two trailers together; below 8 KiB, leaving room for the other headers. */
  static final int MAX_TRAILER_BYTES = 6 * 1024;

  /** Longest text at each step, and how many violations each step keeps. */
  private static final int[] TEXT_CHARS = {1024, 256, SafeText.EXCERPT_CHARS, 16};

  private static final int[] VIOLATIONS = {100, 20, 5, 1};

  private ErrorBudget() {}

  /**
   * {@code rejection} as it is if it fits, else cut to fit; {@code trailerBytes} measures a
   * candidate's trailers.
   */
  static Rejection fit(Rejection rejection, ToIntFunction<Rejection> trailerBytes) {
    if (trailerBytes.applyAsInt(rejection) <= MAX_TRAILER_BYTES) {
      return rejection;
    }
    Rejection cut = rejection;
    for (int step = 0; step < TEXT_CHARS.length; step++) {
      cut = cut(rejection, TEXT_CHARS[step], VIOLATIONS[step]);
      if (trailerBytes.applyAsInt(cut) <= MAX_TRAILER_BYTES) {
        return cut;
      }
    }
    return new Rejection(
        rejection.reason(), SafeText.escape(rejection.message(), 64, false), Map.of(), List.of());
  }

  private static Rejection cut(Rejection rejection, int maxChars, int maxViolations) {
    Map<String, String> metadata = new LinkedHashMap<>();
    rejection
        .metadata()
        .forEach(
            (key, value) ->
                metadata.put(
                    SafeText.escape(key, maxChars, false),
                    SafeText.escape(value, maxChars, false)));
    List<FieldViolation> violations =
        rejection.violations().stream()
            .limit(maxViolations)
            .map(
                v ->
                    new FieldViolation(
                        SafeText.escape(v.field(), maxChars, false),
                        SafeText.escape(v.description(), maxChars, false)))
            .toList();
    String message = SafeText.escape(rejection.message(), maxChars, false);
    int dropped = rejection.violations().size() - violations.size();
    if (dropped > 0) {
      message += " (and " + dropped + " more fields)";
    }
    return new Rejection(rejection.reason(), message, metadata, violations);
  }

  /** The length of {@code text} as gRPC percent-encodes it in {@code grpc-message}. */
  static int percentEncodedBytes(String text) {
    int bytes = 0;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      bytes += (b >= ' ' && b <= '~' && b != '%') ? 1 : 3;
    }
    return bytes;
  }
}
