package io.lockctl.server.backup;

import io.grpc.stub.StreamObserver;
import io.lockctl.core.backup.BackupService;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.UnaryCalls;
import io.lockctl.v1.BackupServiceGrpc;
import io.lockctl.v1.CreateBackupRequest;
import io.lockctl.v1.CreateBackupResponse;
import jakarta.inject.Inject;

/** lockctl.v1.BackupService over {@link BackupService}: translation only. */
public final class BackupGrpcService extends BackupServiceGrpc.BackupServiceImplBase {
  private final BackupService backups;
  private final UnaryCalls calls;

  @Inject
  BackupGrpcService(BackupService backups, UnaryCalls calls) {
    this.backups = backups;
    this.calls = calls;
  }

  @Override
  public void createBackup(
      CreateBackupRequest request, StreamObserver<CreateBackupResponse> observer) {
    calls.answer(
        observer,
        () -> backups.create(Mutations.caller(), request.getPath()),
        copy ->
            CreateBackupResponse.newBuilder()
                .setPath(copy.path().toString())
                .setSizeBytes(copy.sizeBytes())
                .setAuditTreeSize(copy.auditTreeSize())
                .build());
  }
}
