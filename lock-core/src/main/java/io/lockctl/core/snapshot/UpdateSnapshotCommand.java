package io.lockctl.core.snapshot;

import java.util.List;
import java.util.Map;

/**
 * UpdateSnapshot's input: the field-mask paths and the new values (only those named are read).
 *
 * @param updatePaths proto field names: "status", "retention_days", "shared", "tags"
 * @param status {@code null} when the request left it unspecified
 */
public record UpdateSnapshotCommand(
    String regionId,
    String snapshotId,
    List<String> updatePaths,
    SnapshotStatus status,
    int retentionDays,
    boolean shared,
    Map<String, String> tags) {}
