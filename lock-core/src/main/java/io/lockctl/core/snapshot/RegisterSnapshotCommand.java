package io.lockctl.core.snapshot;

import java.time.Instant;
import java.util.Map;

/**
 * RegisterSnapshot's input, as received (validated by the domain, not the edge).
 *
 * @param snapshotId empty to have one generated
 * @param status {@code null} when the request left it unspecified
 * @param createTime {@code null} for now
 */
public record RegisterSnapshotCommand(
    String regionId,
    String snapshotId,
    SnapshotStatus status,
    int retentionDays,
    boolean shared,
    String managedBy,
    Map<String, String> tags,
    Instant createTime) {}
