package io.lockctl.core.replication;

import io.lockctl.core.error.FieldViolation;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Format rules of the replication fields. Each check adds its violation to a list, so one
 * INVALID_PARAMETER names every bad field, by its proto name.
 */
final class ReplicationFieldRules {
  static final int MAX_CLUSTER_LENGTH = 255;
  static final int MAX_PATH_LENGTH = 4096;
  static final Duration MAX_EXPIRATION_TTL = Duration.ofDays(36500);

  /** Printable characters: no control characters (a NUL or a newline in a name or path). */
  private static final Pattern PRINTABLE = Pattern.compile("^\\P{Cntrl}*$");

  private ReplicationFieldRules() {}

  static void cluster(String value, List<FieldViolation> violations) {
    if (value.isEmpty()
        || value.length() > MAX_CLUSTER_LENGTH
        || !PRINTABLE.matcher(value).matches()) {
      violations.add(
          new FieldViolation(
              "source_cluster", "must be 1-" + MAX_CLUSTER_LENGTH + " printable characters"));
    }
  }

  static void path(String field, String value, List<FieldViolation> violations) {
    if (!value.startsWith("/")
        || value.length() > MAX_PATH_LENGTH
        || !PRINTABLE.matcher(value).matches()) {
      violations.add(
          new FieldViolation(
              field,
              "must be an absolute path (starting with /) of at most "
                  + MAX_PATH_LENGTH
                  + " printable characters"));
    }
  }

  static void expirationTtl(Duration value, List<FieldViolation> violations) {
    if (value.isNegative() || value.compareTo(MAX_EXPIRATION_TTL) > 0) {
      violations.add(
          new FieldViolation(
              "snapshot_policy.expiration_ttl",
              "must be between 0 and " + MAX_EXPIRATION_TTL.toDays() + " days"));
    }
  }
}
