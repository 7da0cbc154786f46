package io.lockctl.core.clock;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the largest forward step of the wall clock that the {@link ComplianceClock} follows at
 * once, as an operator writes it: {@code 1h}, {@code 30m}, {@code 3600s}, {@code 500ms}, {@code
 * 2d}, or ISO-8601 ({@code PT1H}). {@code 0} means every forward step is slewed.
 */
public final class MaxClockStep {
  private static final Pattern AMOUNT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)?");

  private MaxClockStep() {}

  /**
   * @throws IllegalArgumentException if {@code text} is not a non-negative duration in one unit
   */
  public static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.startsWith("p")) {
      try {
        return nonNegative(Duration.parse(trimmed), text);
      } catch (DateTimeParseException invalid) {
        throw invalid(text);
      }
    }
    Matcher matcher = AMOUNT.matcher(trimmed);
    if (!matcher.matches()) {
      throw invalid(text);
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2);
    if (unit == null) {
      if (amount != 0) {
        throw invalid(text); // a bare number would be a guess between seconds and minutes
      }
      return Duration.ZERO;
    }
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw invalid(text);
    };
  }

  private static Duration nonNegative(Duration duration, String text) {
    if (duration.isNegative()) {
      throw invalid(text);
    }
    return duration;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "expected a duration such as 1h, 30m, 3600s or PT1H, got '" + text + "'");
  }
}
