package io.lockctl.core.snapshot;

/**
 * LockSnapshot's input, as received.
 *
 * @param mode {@code null} when unspecified or unknown
 * @param term {@code null} when the request gave neither a duration nor an expire time
 * @param lockKeyRef a lock key's id or name; empty for none
 */
public record LockSnapshotCommand(
    String regionId,
    String snapshotId,
    LockMode mode,
    LockTerm term,
    int coolOffHours,
    String lockKeyRef) {}
