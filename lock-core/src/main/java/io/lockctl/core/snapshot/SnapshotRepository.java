package io.lockctl.core.snapshot;

import java.util.List;
import java.util.Optional;

/** Snapshots as stored, each with its lock and tags. Implemented by each store backend. */
public interface SnapshotRepository {

  Optional<Snapshot> find(String regionId, String snapshotId);

  /** Adds a snapshot whose (region, id) is not taken (the caller checked with {@link #find}). */
  void insert(Snapshot snapshot);

  /** Replaces the stored snapshot with the same (region, id), lock and tags included. */
  void update(Snapshot snapshot);

  void delete(String regionId, String snapshotId);

  /** One page of a region's snapshots in ascending id order, after {@code query.afterSnapshotId}. */
  List<Snapshot> list(SnapshotQuery query);
}
