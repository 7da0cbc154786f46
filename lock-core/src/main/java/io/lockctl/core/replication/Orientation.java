package io.lockctl.core.replication;

/** Which way a target relationship replicates. */
public enum Orientation {
  /** As created. */
  ORIGINAL,
  /** Source and target switched. */
  REVERSED
}
