package io.lockctl.core.snapshot;

import java.util.List;

/**
 * DescribeLockedSnapshots' input, as received.
 *
 * @param snapshotIds at most 100; empty for all
 * @param lockStatus {@code null} for any
 */
public record DescribeLockedSnapshotsQuery(
    String regionId,
    List<String> snapshotIds,
    LockStatus lockStatus,
    int pageSize,
    String pageToken) {}
