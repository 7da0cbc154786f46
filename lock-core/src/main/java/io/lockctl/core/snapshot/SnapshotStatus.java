package io.lockctl.core.snapshot;

/** Progress of a snapshot's data, as its producer reports it. */
public enum SnapshotStatus {
  PROGRESSING,
  ACCOMPLISHED,
  FAILED
}
