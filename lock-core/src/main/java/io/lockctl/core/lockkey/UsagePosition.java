package io.lockctl.core.lockkey;

import io.lockctl.core.paging.Pages;

/**
 * Where a page of ListLockKeyUsages ends: the relationships come first (by id), then the snapshots
 * (by region and id). As a page-token position it is "r" plus a relationship id, or "s" plus the
 * region, "/", and the snapshot id; the token's own check says it is one lockctl issued.
 *
 * @param relationshipId the last relationship listed; {@code null} if none was
 * @param regionId the last snapshot's region, {@code null} while still in the relationships
 */
record UsagePosition(String relationshipId, String regionId, String snapshotId) {
  private static final UsagePosition START = new UsagePosition(null, null, null);

  /** The position a page token carried; {@code null} for the first page. */
  static UsagePosition parse(String position) {
    if (position == null) {
      return START;
    }
    if (position.startsWith("r") && position.length() > 1) {
      return new UsagePosition(position.substring(1), null, null);
    }
    int slash = position.indexOf('/');
    if (!position.startsWith("s") || slash < 2 || slash == position.length() - 1) {
      throw Pages.invalidToken();
    }
    return new UsagePosition(null, position.substring(1, slash), position.substring(slash + 1));
  }

  static String of(LockKeyUsage usage) {
    if (usage instanceof LockKeyUsage.Relationship relationship) {
      return "r" + relationship.holder().relationshipId();
    }
    KeyLockedSnapshot snapshot = ((LockKeyUsage.Snapshot) usage).snapshot();
    return "s" + snapshot.regionId() + "/" + snapshot.snapshotId();
  }

  /** Whether the page starts among the relationships (rather than among the snapshots). */
  boolean inRelationships() {
    return regionId == null;
  }
}
