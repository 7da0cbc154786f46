package io.lockctl.core.snapshot;

/**
 * ListSnapshots' input, as received.
 *
 * @param state {@code null} for any
 * @param onlyLocked only snapshots with an active lock
 * @param tagKey empty for no tag filter
 * @param tagValue {@code null} for any value of {@code tagKey}
 * @param pageSize as requested (0 = default)
 * @param pageToken empty for the first page
 */
public record ListSnapshotsQuery(
    String regionId,
    SnapshotState state,
    boolean onlyLocked,
    String tagKey,
    String tagValue,
    int pageSize,
    String pageToken) {}
