package io.lockctl.server.backup;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;

/** Contributes lockctl.v1.BackupService to the server. */
@Module
public interface BackupServiceModule {
  @Binds
  @IntoSet
  BindableService backupService(BackupGrpcService service);
}
