package io.lockctl.core.snapshot;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.transaction.Transactions;
import java.util.concurrent.CompletableFuture;

/**
 * The snapshot catalog's application service, for every edge: each call is authorised, runs in the
 * transaction its kind needs, and a mutation is idempotent per client token and audited. Results
 * carry the instant their lock statuses are shown at.
 */
public final class SnapshotService {
  static final Action REGISTER_SNAPSHOT = new Action("RegisterSnapshot");
  static final Action GET_SNAPSHOT = new Action("GetSnapshot");
  static final Action LIST_SNAPSHOTS = new Action("ListSnapshots");
  static final Action UPDATE_SNAPSHOT = new Action("UpdateSnapshot");
  static final Action DELETE_SNAPSHOT = new Action("DeleteSnapshot");
  static final Action RESTORE_SNAPSHOT = new Action("RestoreSnapshot");

  private final Transactions<? extends SnapshotReads, ? extends SnapshotWrites> store;
  private final OperationRunner operations;
  private final SnapshotCatalog catalog;

  public SnapshotService(
      Transactions<? extends SnapshotReads, ? extends SnapshotWrites> store,
      OperationRunner operations,
      SnapshotCatalog catalog) {
    this.store = store;
    this.operations = operations;
    this.catalog = catalog;
  }

  public CompletableFuture<AsOf<Snapshot>> register(
      Mutation mutation, RegisterSnapshotCommand command) {
    return operations.mutate(
        store,
        REGISTER_SNAPSHOT,
        mutation,
        SnapshotCodecs.SNAPSHOT,
        (tx, guard) -> {
          String snapshotId = catalog.idFor(tx, command);
          guard.authorize(Lrn.snapshot(command.regionId(), snapshotId));
          Snapshot registered = catalog.register(tx, command, snapshotId);
          guard.changed(SnapshotCodecs.state(registered));
          return new AsOf<>(registered, tx.now());
        });
  }

  public AsOf<Snapshot> get(Caller caller, String regionId, String snapshotId) {
    return operations.read(
        store,
        caller,
        GET_SNAPSHOT,
        (tx, guard) -> {
          guard.authorize(Lrn.snapshot(regionId, snapshotId));
          return new AsOf<>(catalog.get(tx, regionId, snapshotId), tx.now());
        });
  }

  public AsOf<Page<Snapshot>> list(Caller caller, ListSnapshotsQuery query) {
    return operations.read(
        store,
        caller,
        LIST_SNAPSHOTS,
        (tx, guard) -> {
          guard.authorize(Lrn.snapshots(query.regionId()));
          return new AsOf<>(catalog.list(tx, query), tx.now());
        });
  }

  public CompletableFuture<AsOf<Snapshot>> update(
      Mutation mutation, UpdateSnapshotCommand command) {
    return operations.mutate(
        store,
        UPDATE_SNAPSHOT,
        mutation,
        SnapshotCodecs.SNAPSHOT,
        (tx, guard) -> {
          guard.authorize(Lrn.snapshot(command.regionId(), command.snapshotId()));
          Snapshot updated = catalog.update(tx, command);
          guard.changed(SnapshotCodecs.state(updated));
          return new AsOf<>(updated, tx.now());
        });
  }

  public CompletableFuture<AsOf<DeletedSnapshot>> delete(
      Mutation mutation, String regionId, String snapshotId) {
    return operations.mutate(
        store,
        DELETE_SNAPSHOT,
        mutation,
        SnapshotCodecs.DELETED,
        (tx, guard) -> {
          guard.authorize(Lrn.snapshot(regionId, snapshotId));
          DeletedSnapshot deleted = catalog.delete(tx, regionId, snapshotId);
          guard.changed(
              tx.snapshots()
                  .find(regionId, snapshotId)
                  .map(SnapshotCodecs::state)
                  .orElseGet(SnapshotCodecs::gone));
          return new AsOf<>(deleted, tx.now());
        });
  }

  public CompletableFuture<AsOf<Snapshot>> restore(
      Mutation mutation, String regionId, String snapshotId) {
    return operations.mutate(
        store,
        RESTORE_SNAPSHOT,
        mutation,
        SnapshotCodecs.SNAPSHOT,
        (tx, guard) -> {
          guard.authorize(Lrn.snapshot(regionId, snapshotId));
          Snapshot restored = catalog.restore(tx, regionId, snapshotId);
          guard.changed(SnapshotCodecs.state(restored));
          return new AsOf<>(restored, tx.now());
        });
  }
}
