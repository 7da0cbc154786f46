package io.lockctl.core.snapshot;

/** How a snapshot lock may be loosened. */
public enum LockMode implements RequestedMode {
  COMPLIANCE,
  GOVERNANCE,
  KEY
}
