package io.lockctl.server.http.qumulo;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.lockctl.server.http.HttpApi;

/** Contributes Qumulo's replication-lock endpoints to the HTTP edge. */
@Module
public interface QumuloModule {
  @Binds
  @IntoSet
  HttpApi qumulo(QumuloApi api);
}
