package io.lockctl.core.replication;

import io.lockctl.core.snapshot.Snapshot;
import java.time.Instant;

/**
 * A registered policy snapshot: the catalog's snapshot (with its KEY lock when it got one), the
 * relationship whose policy created it and when it expires.
 *
 * @param expireTime {@code null} when the policy has no expiration
 */
public record PolicySnapshot(Snapshot snapshot, String createdByPolicy, Instant expireTime) {}
