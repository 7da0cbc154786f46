package io.lockctl.core.replication;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Format rules of the replication fields. Like the catalog's, each check adds its violation to a
 * list, so one INVALID_PARAMETER names every bad field, by its proto name.
 */
final class ReplicationFieldRules {
  static final int MAX_COMMENT_LENGTH = 1024;
  static final int MAX_CLUSTER_LENGTH = 255;
  static final int MAX_PATH_LENGTH = 4096;
  static final Duration MAX_EXPIRATION_TTL = Duration.ofDays(36500);

  private static final Pattern REGION_ID = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("^s-[0-9a-z]{20}$");
  private static final Pattern KEY_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  private static final Pattern UUID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  /** Printable characters: no control characters (a NUL or a newline in a name or path). */
  private static final Pattern PRINTABLE = Pattern.compile("^\\P{Cntrl}*$");

  private ReplicationFieldRules() {}

  static void regionId(String value, List<FieldViolation> violations) {
    if (!REGION_ID.matcher(value).matches()) {
      violations.add(new FieldViolation("region_id", "must match " + REGION_ID.pattern()));
    }
  }

  static void snapshotId(String value, List<FieldViolation> violations) {
    if (!SNAPSHOT_ID.matcher(value).matches()) {
      violations.add(
          new FieldViolation("snapshot_id", "must be \"s-\" followed by 20 characters [0-9a-z]"));
    }
  }

  static void relationshipId(String value, List<FieldViolation> violations) {
    if (!UUID.matcher(value).matches()) {
      violations.add(new FieldViolation("relationship_id", "must be a lower-case UUID"));
    }
  }

  static void keyName(String value, List<FieldViolation> violations) {
    if (!KEY_NAME.matcher(value).matches()) {
      violations.add(new FieldViolation("name", "must match " + KEY_NAME.pattern()));
    } else if (LockKeyIds.isId(value)) {
      violations.add(
          new FieldViolation(
              "name", "must not have the form of a lock key id (lk- plus 20 characters)"));
    }
  }

  static void keyRef(String value, List<FieldViolation> violations) {
    if (!KEY_NAME.matcher(value).matches()) {
      violations.add(new FieldViolation("lock_key_ref", "must be a lock key's id or name"));
    }
  }

  static void comment(String field, String value, List<FieldViolation> violations) {
    if (value.length() > MAX_COMMENT_LENGTH) {
      violations.add(
          new FieldViolation(field, "must be at most " + MAX_COMMENT_LENGTH + " characters"));
    }
  }

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

  /** INVALID_PARAMETER naming every violation, or empty when there is none. */
  static Optional<Rejection> rejection(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    String message =
        violations.stream()
            .map(v -> v.field() + ": " + v.description())
            .collect(Collectors.joining("; "));
    return Optional.of(new Rejection(Reason.INVALID_PARAMETER, message, Map.of(), violations));
  }
}
