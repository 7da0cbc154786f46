package io.lockctl.core.lockkey;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.ids.Identifiers;
import java.util.List;

/** Format rules of the lock-key fields, added to a list so one refusal names every bad field. */
public final class LockKeyFieldRules {
  static final int MAX_COMMENT_LENGTH = 1024;

  private LockKeyFieldRules() {}

  static void keyName(String value, List<FieldViolation> violations) {
    if (!Identifiers.isName(value)) {
      violations.add(new FieldViolation("name", "must match " + Identifiers.NAME.pattern()));
    } else if (Identifiers.isLockKeyId(value)) {
      violations.add(
          new FieldViolation(
              "name", "must not have the form of a lock key id (lk- plus 20 characters)"));
    }
  }

  public static void keyRef(String value, List<FieldViolation> violations) {
    if (!Identifiers.isName(value)) {
      violations.add(new FieldViolation("lock_key_ref", "must be a lock key's id or name"));
    }
  }

  static void comment(String field, String value, List<FieldViolation> violations) {
    if (value.length() > MAX_COMMENT_LENGTH) {
      violations.add(
          new FieldViolation(field, "must be at most " + MAX_COMMENT_LENGTH + " characters"));
    }
  }
}
