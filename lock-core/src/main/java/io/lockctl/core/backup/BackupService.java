package io.lockctl.core.backup;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.store.Store;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Online backups of the store, on {@code lrn:lockctl::backup}. A backup changes nothing, so it is
 * authorised like a read and not audited; the copy itself runs outside any transaction of the
 * store's, so writes go on while it is taken.
 */
public final class BackupService {
  static final Action CREATE_BACKUP = new Action("CreateBackup");

  private final Store store;
  private final OperationRunner operations;
  private final String storeName;

  /** {@code storeName} names the store in a refusal, e.g. "PostgreSQL". */
  public BackupService(Store store, OperationRunner operations, String storeName) {
    this.store = store;
    this.operations = operations;
    this.storeName = storeName;
  }

  /**
   * Copies the store to {@code path}, an absolute path on the server's host. Authorization comes
   * first, so a caller without the grant learns nothing about the server's files.
   */
  public BackupCopy create(Caller caller, String path) {
    operations.read(
        store,
        caller,
        CREATE_BACKUP,
        (tx, guard) -> {
          guard.authorize(Lrn.BACKUP);
          return null;
        });
    Path target = validTarget(path);
    OnlineBackup backup =
        store
            .onlineBackup()
            .orElseThrow(() -> BackupRejections.unsupported(storeName).toException());
    return backup.copyTo(target);
  }

  private static Path validTarget(String path) {
    if (path.isEmpty()) {
      throw invalidPath("is required");
    }
    Path target;
    try {
      target = Path.of(path);
    } catch (InvalidPathException e) {
      throw invalidPath("is not a valid path");
    }
    if (!target.isAbsolute() || target.getFileName() == null) {
      throw invalidPath("must be an absolute path to a file");
    }
    return target.normalize();
  }

  private static RuntimeException invalidPath(String description) {
    return Rejection.invalidField(Reason.INVALID_PARAMETER, "path", description).toException();
  }
}
