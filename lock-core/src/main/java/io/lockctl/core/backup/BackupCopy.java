package io.lockctl.core.backup;

import java.nio.file.Path;

/** A finished backup: where it is, its size, and how many audit records it holds. */
public record BackupCopy(Path path, long sizeBytes, long auditTreeSize) {}
