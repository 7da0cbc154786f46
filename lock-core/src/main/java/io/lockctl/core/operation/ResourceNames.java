package io.lockctl.core.operation;

/**
 * The names (LRNs) that authorization and the audit log give resources. A list names its
 * collection, whose last segment is a literal {@code *}.
 */
public final class ResourceNames {
  private static final String PREFIX = "lrn:lockctl:";

  private ResourceNames() {}

  public static String snapshot(String regionId, String snapshotId) {
    return PREFIX + regionId + ":snapshot/" + snapshotId;
  }

  public static String snapshots(String regionId) {
    return snapshot(regionId, "*");
  }

  public static String rule(String regionId, String identifier) {
    return PREFIX + regionId + ":rule/" + identifier;
  }

  public static String rules(String regionId) {
    return rule(regionId, "*");
  }

  public static String targetRelationship(String regionId, String relationshipId) {
    return PREFIX + regionId + ":target-relationship/" + relationshipId;
  }

  /** The relationships of {@code regionId}, or of every region for an empty one. */
  public static String targetRelationships(String regionId) {
    return targetRelationship(regionId.isEmpty() ? "*" : regionId, "*");
  }

  public static String lockKey(String lockKeyId) {
    return PREFIX + ":lock-key/" + lockKeyId;
  }

  public static String lockKeys() {
    return lockKey("*");
  }
}
