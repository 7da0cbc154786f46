package io.lockctl.core.snapshotlock;

import io.lockctl.core.snapshot.RequestedMode;
import io.lockctl.core.snapshot.RequestedTerm;

/**
 * LockSnapshot's input, as received: {@link LockCommandRules} checks it.
 *
 * @param lockKeyRef a lock key's id or name; empty for none
 */
public record LockSnapshotCommand(
    String regionId,
    String snapshotId,
    RequestedMode mode,
    RequestedTerm term,
    int coolOffHours,
    String lockKeyRef) {}
