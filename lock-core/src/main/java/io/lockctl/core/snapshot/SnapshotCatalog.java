package io.lockctl.core.snapshot;

import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import java.util.List;
import java.util.Optional;

/**
 * The snapshot catalog's operations within a transaction, the recycle bin's included: the shell
 * that loads state from a transaction, asks the pure decisions, and writes what they accept. Every
 * method either completes or throws a {@link io.lockctl.core.error.RejectedException} having
 * written nothing. A snapshot whose stay in the recycle bin is over is absent for every method,
 * reclaimed by storage or not.
 */
public final class SnapshotCatalog {
  private final RandomIds ids;
  private final Pages pages;

  public SnapshotCatalog(RandomIds ids, Pages pages) {
    this.ids = ids;
    this.pages = pages;
  }

  /** The id a register gives its snapshot: the command's, or a generated one not yet taken. */
  public String idFor(SnapshotReads tx, RegisterSnapshotCommand command) {
    return command.snapshotId().isEmpty() ? unusedId(tx, command.regionId()) : command.snapshotId();
  }

  /** Registers the snapshot under {@code snapshotId}, the one {@link #idFor} gave. */
  public Snapshot register(SnapshotWrites tx, RegisterSnapshotCommand command, String snapshotId) {
    Optional<Snapshot> stored = tx.snapshots().find(command.regionId(), snapshotId);
    Snapshot registered =
        SnapshotDecisions.register(stored.orElse(null), command, snapshotId, tx.now())
            .orElseThrow();
    if (stored.isPresent()) {
      // Accepted over a stored row only when that snapshot is gone from the recycle bin and not
      // yet reclaimed: the new one replaces it, tags and lock included, as if it had never been.
      tx.snapshots().delete(command.regionId(), snapshotId);
    }
    tx.snapshots().insert(registered);
    return registered;
  }

  public Snapshot get(SnapshotReads tx, String regionId, String snapshotId) {
    Optional<Rejection> malformed = SnapshotDecisions.identifierViolations(regionId, snapshotId);
    if (malformed.isPresent()) {
      throw malformed.get().toException();
    }
    return tx.snapshots()
        .find(regionId, snapshotId)
        .filter(snapshot -> !snapshot.isGoneAt(tx.now()))
        .orElseThrow(() -> SnapshotRejections.notFound(regionId, snapshotId).toException());
  }

  public Page<Snapshot> list(SnapshotReads tx, ListSnapshotsQuery query) {
    SnapshotListQueries.PlannedQuery planned =
        SnapshotListQueries.list(query, tx.now(), pages).orElseThrow();
    return planned.page(tx.snapshots().list(planned.query()), Snapshot::snapshotId);
  }

  public Snapshot update(SnapshotWrites tx, UpdateSnapshotCommand command) {
    Snapshot current = find(tx, command.regionId(), command.snapshotId());
    Snapshot updated = SnapshotDecisions.update(current, command, tx.now()).orElseThrow();
    if (!updated.equals(current)) {
      tx.snapshots().update(updated);
    }
    return updated;
  }

  /**
   * Deletes for good, or moves to the recycle bin when rules of the region match. The rules are
   * read in this write transaction, so the delete sees exactly the rules in force at its instant: a
   * rule update ordered before it applies, one ordered after it changes nothing for it.
   */
  public DeletedSnapshot delete(SnapshotWrites tx, String regionId, String snapshotId) {
    Snapshot current = find(tx, regionId, snapshotId);
    List<RetentionRule> rules = tx.rules().listForRegion(regionId, ResourceType.SNAPSHOT);
    SnapshotDecisions.Deletion deletion =
        SnapshotDecisions.delete(current, regionId, snapshotId, rules, tx.now()).orElseThrow();
    if (deletion instanceof SnapshotDecisions.Deletion.ToRecycleBin toBin) {
      tx.snapshots().update(toBin.binned());
    } else {
      tx.snapshots().delete(regionId, snapshotId);
    }
    return deletion.response();
  }

  /** Brings a snapshot back from the recycle bin; returns it, ACTIVE again. */
  public Snapshot restore(SnapshotWrites tx, String regionId, String snapshotId) {
    Snapshot restored =
        SnapshotDecisions.restore(find(tx, regionId, snapshotId), regionId, snapshotId, tx.now())
            .orElseThrow();
    tx.snapshots().update(restored);
    return restored;
  }

  /** A generated id not yet taken, so a caller who gave none never sees ALREADY_EXISTS. */
  private String unusedId(SnapshotReads tx, String regionId) {
    String id = ids.snapshotId();
    while (tx.snapshots().find(regionId, id).isPresent()) {
      id = ids.snapshotId();
    }
    return id;
  }

  private static Snapshot find(SnapshotReads tx, String regionId, String snapshotId) {
    return tx.snapshots().find(regionId, snapshotId).orElse(null);
  }
}
