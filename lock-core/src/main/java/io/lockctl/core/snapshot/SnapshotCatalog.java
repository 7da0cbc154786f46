package io.lockctl.core.snapshot;

import io.lockctl.core.paging.Page;
import io.lockctl.core.store.ReadTransaction;
import io.lockctl.core.store.WriteTransaction;

/**
 * The snapshot catalog's operations (SPEC.md section 1): the shell that loads state from a
 * transaction, asks the pure decisions, and writes what they accept. Every method either
 * completes or throws a {@link io.lockctl.core.error.RejectedException} having written nothing.
 */
public final class SnapshotCatalog {

  public Snapshot register(WriteTransaction tx, RegisterSnapshotCommand command) {
    throw new UnsupportedOperationException("TODO");
  }

  public Snapshot get(ReadTransaction tx, String regionId, String snapshotId) {
    throw new UnsupportedOperationException("TODO");
  }

  public Page<Snapshot> list(ReadTransaction tx, ListSnapshotsQuery query) {
    throw new UnsupportedOperationException("TODO");
  }

  public Snapshot update(WriteTransaction tx, UpdateSnapshotCommand command) {
    throw new UnsupportedOperationException("TODO");
  }

  public DeletedSnapshot delete(WriteTransaction tx, String regionId, String snapshotId) {
    throw new UnsupportedOperationException("TODO");
  }
}
