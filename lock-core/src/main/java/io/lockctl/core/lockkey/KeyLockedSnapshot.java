package io.lockctl.core.lockkey;

import java.time.Instant;

/**
 * A snapshot locked with a lock key.
 *
 * @param lockExpireTime {@code null} while a days-based lock waits for its snapshot
 */
public record KeyLockedSnapshot(String regionId, String snapshotId, Instant lockExpireTime) {}
