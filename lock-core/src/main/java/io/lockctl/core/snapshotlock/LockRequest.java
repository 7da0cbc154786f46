package io.lockctl.core.snapshotlock;

import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;

/**
 * A LockSnapshot request whose fields passed {@link LockCommandRules}: a known mode, a term within
 * range (an expire time at lockctl's precision), an allowed cool-off, and a key reference exactly
 * when the mode is KEY.
 *
 * @param lockKeyRef the key's id or name for KEY; empty otherwise
 */
record LockRequest(
    String regionId,
    String snapshotId,
    LockMode mode,
    LockTerm term,
    int coolOffHours,
    String lockKeyRef) {}
