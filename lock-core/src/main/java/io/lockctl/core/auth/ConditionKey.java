package io.lockctl.core.auth;

import java.util.List;

/** The condition keys a statement may test, each with the values a request can carry for it. */
public enum ConditionKey {
  /**
   * For LockSnapshot the requested mode; for UnlockSnapshot the mode of the current lock. The
   * snapshot lock modes by name: authorization stays beneath the features it guards, and a test
   * keeps the two lists equal.
   */
  LOCK_MODE("lockctl:LockMode", List.of("COMPLIANCE", "GOVERNANCE", "KEY")),
  /** Whether the call is a dry run; a dry run is authorised exactly as the real call otherwise. */
  DRY_RUN("lockctl:DryRun", List.of("true", "false"));

  private final String key;

  @SuppressWarnings("ImmutableEnumChecker") // an unmodifiable list (List.of)
  private final List<String> allowedValues;

  ConditionKey(String key, List<String> allowedValues) {
    this.key = key;
    this.allowedValues = allowedValues;
  }

  /** The name used in a policy's {@code conditions} and in {@link AccessRequest#conditions()}. */
  public String key() {
    return key;
  }

  /** Every value a request can carry, and so every value a policy may list. */
  public List<String> allowedValues() {
    return allowedValues;
  }

  /** The key named {@code key}, or null when there is none (only the parser needs this). */
  static ConditionKey byKey(String key) {
    for (ConditionKey candidate : values()) {
      if (candidate.key.equals(key)) {
        return candidate;
      }
    }
    return null;
  }
}
