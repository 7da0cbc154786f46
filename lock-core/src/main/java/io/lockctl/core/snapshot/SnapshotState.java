package io.lockctl.core.snapshot;

/** Where a snapshot lives: in the catalog, or deleted but kept by a retention rule. */
public enum SnapshotState {
  ACTIVE,
  IN_RECYCLE_BIN
}
