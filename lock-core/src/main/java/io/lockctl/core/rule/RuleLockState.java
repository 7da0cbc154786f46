package io.lockctl.core.rule;

/**
 * A rule's lock state at one instant; computed by {@link RetentionRule#lockStateAt}, never stored.
 * {@link #NEVER_LOCKED} is the proto's {@code RULE_LOCK_STATE_UNSPECIFIED} (the anchor's null).
 */
public enum RuleLockState {
  NEVER_LOCKED,
  LOCKED,
  /** Unlocked, but the unlock delay has not run out: still neither changeable nor deletable. */
  PENDING_UNLOCK,
  UNLOCKED;

  /** Whether a rule in this state refuses UpdateRule and DeleteRule. */
  public boolean forbidsChanges() {
    return this == LOCKED || this == PENDING_UNLOCK;
  }
}
