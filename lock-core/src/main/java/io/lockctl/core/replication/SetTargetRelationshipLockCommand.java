package io.lockctl.core.replication;

/**
 * SetTargetRelationshipLock's input: exactly one of a key reference and {@code clearLockKey}.
 *
 * @param lockKeyRef a key's id or name; empty when not given
 */
public record SetTargetRelationshipLockCommand(
    String relationshipId, String lockKeyRef, boolean clearLockKey) {}
