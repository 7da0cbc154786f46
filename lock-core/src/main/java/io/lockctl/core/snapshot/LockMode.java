package io.lockctl.core.snapshot;

/** How a snapshot lock may be loosened. */
public enum LockMode {
  COMPLIANCE,
  GOVERNANCE,
  KEY
}
