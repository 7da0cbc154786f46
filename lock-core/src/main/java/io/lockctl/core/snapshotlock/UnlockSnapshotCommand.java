package io.lockctl.core.snapshotlock;

/** UnlockSnapshot's input; {@code signature} is only for KEY locks (empty otherwise). */
public record UnlockSnapshotCommand(String regionId, String snapshotId, String signature) {}
