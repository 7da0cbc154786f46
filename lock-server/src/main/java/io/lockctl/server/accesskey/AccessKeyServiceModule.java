package io.lockctl.server.accesskey;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.grpc.BindableService;
import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.accesskey.SecretSealer;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.store.Store;
import io.lockctl.server.ServerConfig;
import jakarta.inject.Singleton;

/** Contributes lockctl.v1.AccessKeyService, and the access keys the HTTP edge verifies with. */
@Module
public interface AccessKeyServiceModule {
  @Binds
  @IntoSet
  BindableService accessKeyService(AccessKeyGrpcService service);

  @Provides
  @Singleton
  static AccessKeyService accessKeys(
      Store store, OperationRunner operations, Pages pages, ServerConfig config) {
    return new AccessKeyService(
        store,
        operations,
        new SecretSealer(
            AccessKeyMasterKey.load(config.http().accessKeyMasterKey(), config.dataDir())),
        pages);
  }
}
