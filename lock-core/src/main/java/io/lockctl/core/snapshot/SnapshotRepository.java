package io.lockctl.core.snapshot;

import java.time.Instant;

/** Snapshots as stored, for writes. */
public interface SnapshotRepository extends SnapshotReader {

  /** Adds a snapshot whose (region, id) is not taken (the caller checked with {@link #find}). */
  void insert(Snapshot snapshot);

  /** Replaces the stored snapshot with the same (region, id), lock and tags included. */
  void update(Snapshot snapshot);

  void delete(String regionId, String snapshotId);

  /**
   * Reclaims storage: deletes every snapshot (of any region) gone at {@code now}, with its tags.
   * Invisible to readers, who already treat those snapshots as absent.
   *
   * @return how many were deleted
   */
  int deleteGoneFromRecycleBin(Instant now);
}
