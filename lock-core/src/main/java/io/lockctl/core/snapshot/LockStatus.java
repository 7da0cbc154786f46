package io.lockctl.core.snapshot;

/** A lock's status at one instant; always computed, never stored. */
public enum LockStatus {
  COMPLIANCE_COOLOFF,
  COMPLIANCE,
  GOVERNANCE,
  KEY,
  EXPIRED
}
