package io.lockctl.core.backup;

import java.nio.file.Path;

/**
 * A store that copies itself to a file while it keeps serving: the copy is one consistent state,
 * holding every write committed before the copy began.
 */
@FunctionalInterface
public interface OnlineBackup {

  /**
   * Writes the copy to {@code target} (absolute; nothing there yet), making it appear complete or
   * not at all, and durable before returning. Refuses with a {@link
   * io.lockctl.core.error.RejectedException} ({@link BackupRejections}) when the target is taken or
   * cannot be written.
   */
  BackupCopy copyTo(Path target);
}
