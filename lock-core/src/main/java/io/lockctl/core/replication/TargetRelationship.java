package io.lockctl.core.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A replication relationship targeting this cluster, with one lock key per orientation.
 *
 * <p>Invariant kept by the decisions: while ORIGINAL, {@code reversedKeyId} is {@code null} (a
 * reverse always starts the reversed orientation without a key); every key referred to exists and
 * is enabled (a key is refused while current, and dropped from the dormant slot when disabled or
 * deleted).
 *
 * @param id a lower-case UUID
 * @param regionId where its policy snapshots are registered
 * @param expirationTtl how long its policy snapshots live; {@link Duration#ZERO} for ever (then
 *     they are never locked)
 * @param originalKeyId the ORIGINAL orientation's key; {@code null} for none. While REVERSED it is
 *     the dormant key a revert restores
 * @param reversedKeyId the REVERSED orientation's key; {@code null} for none
 */
public record TargetRelationship(
    String id,
    String regionId,
    String sourceCluster,
    String sourcePath,
    String targetPath,
    Duration expirationTtl,
    Orientation orientation,
    String originalKeyId,
    String reversedKeyId,
    Instant createTime) {

  /** The key that locks the policy snapshots taken from now on. */
  public Optional<String> currentKeyId() {
    return Optional.ofNullable(orientation == Orientation.ORIGINAL ? originalKeyId : reversedKeyId);
  }

  /** While REVERSED, the original orientation's key kept for a revert. */
  public Optional<String> dormantKeyId() {
    return Optional.ofNullable(orientation == Orientation.REVERSED ? originalKeyId : null);
  }

  public boolean hasExpiration() {
    return !expirationTtl.isZero();
  }

  TargetRelationship withOrientation(
      Orientation newOrientation, String newOriginalKeyId, String newReversedKeyId) {
    return new TargetRelationship(
        id,
        regionId,
        sourceCluster,
        sourcePath,
        targetPath,
        expirationTtl,
        newOrientation,
        newOriginalKeyId,
        newReversedKeyId,
        createTime);
  }

  /** While REVERSED: the same relationship without its dormant original key. */
  TargetRelationship withoutDormantKey() {
    return withOrientation(orientation, null, reversedKeyId);
  }

  /** The same relationship with {@code keyId} ({@code null} to clear) as its current key. */
  TargetRelationship withCurrentKey(String keyId) {
    return orientation == Orientation.ORIGINAL
        ? withOrientation(orientation, keyId, reversedKeyId)
        : withOrientation(orientation, originalKeyId, keyId);
  }
}
