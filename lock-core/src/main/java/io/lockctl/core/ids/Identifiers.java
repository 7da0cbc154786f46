package io.lockctl.core.ids;

import io.lockctl.core.error.FieldViolation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The formats of lockctl's identifiers, in one place. Each check adds a field violation instead of
 * failing fast, so that one INVALID_PARAMETER names every bad field by its proto name.
 */
public final class Identifiers {
  /** A region, e.g. {@code cn-hangzhou}. */
  public static final Pattern REGION_ID = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");

  /** A snapshot: "s-" plus 20 characters of [0-9a-z]. */
  public static final Pattern SNAPSHOT_ID = Pattern.compile("^s-[0-9a-z]{20}$");

  /** A retention rule: 11 characters of [0-9a-zA-Z], the anchor's pattern. */
  public static final Pattern RULE_ID = Pattern.compile("^[0-9a-zA-Z]{11}$");

  /** A target relationship: a lower-case UUID. */
  public static final Pattern RELATIONSHIP_ID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  /** A lock key: "lk-" plus 20 characters of [0-9a-z]; no key name has this form. */
  public static final Pattern LOCK_KEY_ID = Pattern.compile("^lk-[0-9a-z]{20}$");

  /** A name chosen by a caller: a lock key's name, or the product that manages a snapshot. */
  public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

  private Identifiers() {}

  public static void regionId(String value, List<FieldViolation> violations) {
    if (!REGION_ID.matcher(value).matches()) {
      violations.add(new FieldViolation("region_id", "must match " + REGION_ID.pattern()));
    }
  }

  public static void snapshotId(String field, String value, List<FieldViolation> violations) {
    if (!SNAPSHOT_ID.matcher(value).matches()) {
      violations.add(
          new FieldViolation(field, "must be \"s-\" followed by 20 characters [0-9a-z]"));
    }
  }

  public static void ruleId(String value, List<FieldViolation> violations) {
    if (!RULE_ID.matcher(value).matches()) {
      violations.add(new FieldViolation("identifier", "must be 11 characters of [0-9a-zA-Z]"));
    }
  }

  public static void relationshipId(String value, List<FieldViolation> violations) {
    if (!isRelationshipId(value)) {
      violations.add(new FieldViolation("relationship_id", "must be a lower-case UUID"));
    }
  }

  public static boolean isRelationshipId(String value) {
    return RELATIONSHIP_ID.matcher(value).matches();
  }

  /** Whether a {@code lock_key_ref} names a key by id (otherwise it names one by name). */
  public static boolean isLockKeyId(String ref) {
    return LOCK_KEY_ID.matcher(ref).matches();
  }

  public static boolean isName(String value) {
    return NAME.matcher(value).matches();
  }
}
