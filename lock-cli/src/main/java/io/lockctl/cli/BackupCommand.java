package io.lockctl.cli;

import io.lockctl.v1.BackupServiceGrpc;
import io.lockctl.v1.CreateBackupRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lockctl backup PATH}: BackupService.CreateBackup. */
@Command(
    name = "backup",
    description = {
      "Has the server write a consistent copy of its embedded store to PATH, on the server's"
          + " host, while it keeps serving (CreateBackup).",
      "PATH is absolute and must not exist. On PostgreSQL use pg_dump instead."
    })
final class BackupCommand extends RpcCommand {
  @Parameters(paramLabel = "PATH", description = "where the server writes the copy")
  String path;

  @Override
  int run() {
    return print(
        BackupServiceGrpc.getCreateBackupMethod(),
        CreateBackupRequest.newBuilder().setPath(path).build());
  }
}
