package io.lockctl.core.backup;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.nio.file.Path;
import java.util.Map;

/** The refusals of a backup, worded once for the service and the stores. */
public final class BackupRejections {

  private BackupRejections() {}

  public static Rejection unsupported(String store) {
    return Rejection.of(
        Reason.BACKUP_UNSUPPORTED,
        "this server's store ("
            + store
            + ") is not copied by the server; on PostgreSQL, back up the schema with pg_dump",
        Map.of("store", store));
  }

  public static Rejection targetExists(Path target) {
    return Rejection.of(
        Reason.BACKUP_TARGET_EXISTS,
        "a file already exists at " + target,
        Map.of("path", target.toString()));
  }

  public static Rejection targetUnwritable(Path target, String why) {
    return Rejection.of(
        Reason.BACKUP_TARGET_UNWRITABLE,
        "cannot write the backup to " + target + ": " + why,
        Map.of("path", target.toString()));
  }
}
