package io.lockctl.core.snapshot;

import io.lockctl.core.error.Rejection;
import io.lockctl.core.paging.Page;
import io.lockctl.core.store.ReadTransaction;
import io.lockctl.core.store.WriteTransaction;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The snapshot catalog's operations (SPEC.md section 1): the shell that loads state from a
 * transaction, asks the pure decisions, and writes what they accept. Every method either
 * completes or throws a {@link io.lockctl.core.error.RejectedException} having written nothing.
 */
public final class SnapshotCatalog {
  private final SnapshotIds ids = new SnapshotIds(new SecureRandom());

  public Snapshot register(WriteTransaction tx, RegisterSnapshotCommand command) {
    String snapshotId = command.snapshotId().isEmpty()
        ? unusedId(tx, command.regionId())
        : command.snapshotId();
    Snapshot existing = tx.snapshots().find(command.regionId(), snapshotId).orElse(null);
    Snapshot registered =
        SnapshotDecisions.register(existing, command, snapshotId, tx.now()).orElseThrow();
    tx.snapshots().insert(registered);
    return registered;
  }

  public Snapshot get(ReadTransaction tx, String regionId, String snapshotId) {
    Optional<Rejection> malformed = SnapshotDecisions.identifierViolations(regionId, snapshotId);
    if (malformed.isPresent()) {
      throw malformed.get().toException();
    }
    return tx.snapshots().find(regionId, snapshotId)
        .orElseThrow(() -> SnapshotRejections.notFound(regionId, snapshotId).toException());
  }

  public Page<Snapshot> list(ReadTransaction tx, ListSnapshotsQuery query) {
    SnapshotListQueries.PlannedQuery planned =
        SnapshotListQueries.list(query, tx.now()).orElseThrow();
    return planned.page(tx.snapshots().list(planned.query()));
  }

  public Snapshot update(WriteTransaction tx, UpdateSnapshotCommand command) {
    Snapshot current = find(tx, command.regionId(), command.snapshotId());
    Snapshot updated = SnapshotDecisions.update(current, command, tx.now()).orElseThrow();
    if (!updated.equals(current)) {
      tx.snapshots().update(updated);
    }
    return updated;
  }

  public DeletedSnapshot delete(WriteTransaction tx, String regionId, String snapshotId) {
    Snapshot current = find(tx, regionId, snapshotId);
    DeletedSnapshot deleted =
        SnapshotDecisions.delete(current, regionId, snapshotId, tx.now()).orElseThrow();
    tx.snapshots().delete(regionId, snapshotId);
    return deleted;
  }

  /** A generated id not yet taken, so a caller who gave none never sees ALREADY_EXISTS. */
  private String unusedId(ReadTransaction tx, String regionId) {
    String id = ids.next();
    while (tx.snapshots().find(regionId, id).isPresent()) {
      id = ids.next();
    }
    return id;
  }

  private static Snapshot find(ReadTransaction tx, String regionId, String snapshotId) {
    return tx.snapshots().find(regionId, snapshotId).orElse(null);
  }
}
