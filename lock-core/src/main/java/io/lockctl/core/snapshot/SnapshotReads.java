package io.lockctl.core.snapshot;

import io.lockctl.core.transaction.ReadView;

/** What reading the snapshot catalog needs from a transaction. */
public interface SnapshotReads extends ReadView {

  SnapshotReader snapshots();
}
