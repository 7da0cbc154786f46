package io.lockctl.core.lockkey;

import java.time.Instant;
import java.util.List;

/**
 * The snapshots a lock key still locks: a lock in mode KEY with that key that is active at {@code
 * now} (not expired; a pending days-based lock counts). A read-only view over the stored snapshots,
 * across regions.
 */
public interface KeyLockedSnapshots {

  long countActive(String keyId, Instant now);

  /**
   * In ascending (region, snapshot id) order, strictly after ({@code afterRegionId}, {@code
   * afterSnapshotId}); both {@code null} to start at the first.
   */
  List<KeyLockedSnapshot> listActive(
      String keyId, Instant now, String afterRegionId, String afterSnapshotId, int limit);
}
