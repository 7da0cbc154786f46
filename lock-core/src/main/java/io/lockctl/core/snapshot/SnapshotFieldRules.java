package io.lockctl.core.snapshot;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Format rules of the snapshot catalog's fields (SPEC.md section 0). Each check adds its violation
 * to a list instead of failing fast, so one INVALID_PARAMETER reports every bad field. Field names
 * are the proto's, as the caller must see them in {@code BadRequest}.
 */
final class SnapshotFieldRules {
  static final int MAX_TAGS = 50;
  static final int MAX_TAG_KEY_LENGTH = 128;
  static final int MAX_TAG_VALUE_LENGTH = 256;
  static final int MAX_RETENTION_DAYS = 65536;

  private static final Pattern REGION_ID = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("^s-[0-9a-z]{20}$");
  private static final Pattern MANAGED_BY = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

  private SnapshotFieldRules() {}

  static void regionId(String value, List<FieldViolation> violations) {
    if (!REGION_ID.matcher(value).matches()) {
      violations.add(new FieldViolation("region_id", "must match " + REGION_ID.pattern()));
    }
  }

  static void snapshotId(String field, String value, List<FieldViolation> violations) {
    if (!SNAPSHOT_ID.matcher(value).matches()) {
      violations.add(
          new FieldViolation(field, "must be \"s-\" followed by 20 characters [0-9a-z]"));
    }
  }

  static void retentionDays(String field, int value, List<FieldViolation> violations) {
    if (value < 0 || value > MAX_RETENTION_DAYS) {
      violations.add(new FieldViolation(field, "must be 0-" + MAX_RETENTION_DAYS));
    }
  }

  static void managedBy(String value, List<FieldViolation> violations) {
    if (!value.isEmpty() && !MANAGED_BY.matcher(value).matches()) {
      violations.add(
          new FieldViolation("managed_by", "must be empty or match " + MANAGED_BY.pattern()));
    }
  }

  static void tags(String field, Map<String, String> tags, List<FieldViolation> violations) {
    if (tags.size() > MAX_TAGS) {
      violations.add(new FieldViolation(field, "at most " + MAX_TAGS + " tags"));
    }
    tags.keySet().stream()
        .sorted()
        .forEach(
            key -> {
              tagKey(field + "[" + key + "]", key, violations);
              tagValue(field + "[" + key + "]", tags.get(key), violations);
            });
  }

  static void tagKey(String field, String key, List<FieldViolation> violations) {
    if (key.isEmpty() || key.length() > MAX_TAG_KEY_LENGTH) {
      violations.add(
          new FieldViolation(field, "tag key must be 1-" + MAX_TAG_KEY_LENGTH + " characters"));
    } else if (key.startsWith("acs:") || key.startsWith("aws:")) {
      violations.add(new FieldViolation(field, "tag key must not start with \"acs:\" or \"aws:\""));
    }
  }

  static void tagValue(String field, String value, List<FieldViolation> violations) {
    if (value.length() > MAX_TAG_VALUE_LENGTH) {
      violations.add(
          new FieldViolation(
              field, "tag value must be at most " + MAX_TAG_VALUE_LENGTH + " characters"));
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
