package io.lockctl.core.replication;

/**
 * CreatePolicySnapshot's input.
 *
 * @param snapshotId empty to have one generated
 */
public record CreatePolicySnapshotCommand(String relationshipId, String snapshotId) {}
