package io.lockctl.core.replication;

import java.time.Duration;

/**
 * CreateTargetRelationship's input, as received.
 *
 * @param expirationTtl the policy's expiration; {@link Duration#ZERO} when absent
 */
public record CreateTargetRelationshipCommand(
    String regionId,
    String sourceCluster,
    String sourcePath,
    String targetPath,
    Duration expirationTtl) {}
