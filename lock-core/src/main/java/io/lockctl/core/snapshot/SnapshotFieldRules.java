package io.lockctl.core.snapshot;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.SafeText;
import io.lockctl.core.ids.Identifiers;
import java.util.List;
import java.util.Map;

/**
 * Format rules of the snapshot catalog's fields . Each check adds its violation to a list instead
 * of failing fast, so one INVALID_PARAMETER reports every bad field. Field names are the proto's,
 * as the caller must see them in {@code BadRequest}.
 */
final class SnapshotFieldRules {
  static final int MAX_TAGS = 50;
  static final int MAX_TAG_KEY_LENGTH = 128;
  static final int MAX_TAG_VALUE_LENGTH = 256;
  static final int MAX_RETENTION_DAYS = 65536;

  private SnapshotFieldRules() {}

  static void retentionDays(String field, int value, List<FieldViolation> violations) {
    if (value < 0 || value > MAX_RETENTION_DAYS) {
      violations.add(new FieldViolation(field, "must be 0-" + MAX_RETENTION_DAYS));
    }
  }

  static void managedBy(String value, List<FieldViolation> violations) {
    if (!value.isEmpty() && !Identifiers.isName(value)) {
      violations.add(
          new FieldViolation("managed_by", "must be empty or match " + Identifiers.NAME.pattern()));
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
              String entry = field + "[" + SafeText.excerpt(key) + "]";
              tagKey(entry, key, violations);
              tagValue(entry, tags.get(key), violations);
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
}
