package io.lockctl.server;

import dagger.Module;
import io.lockctl.server.accesskey.AccessKeyServiceModule;
import io.lockctl.server.audit.AuditServiceModule;
import io.lockctl.server.backup.BackupServiceModule;
import io.lockctl.server.clock.ComplianceClockServiceModule;
import io.lockctl.server.http.HttpModule;
import io.lockctl.server.metrics.MetricsModule;
import io.lockctl.server.replication.ReplicationServiceModule;
import io.lockctl.server.rpc.InterceptorsModule;
import io.lockctl.server.rule.RetentionRuleServiceModule;
import io.lockctl.server.snapshot.SnapshotLockServiceModule;
import io.lockctl.server.snapshot.SnapshotServiceModule;

/**
 * Everything the server is made of except time and storage, which production and tests choose
 * differently. A new gRPC service adds its own module here, and both components get it.
 */
@Module(
    includes = {
      CoreModule.class,
      TrustModule.class,
      InterceptorsModule.class,
      SecurityModule.class,
      SnapshotServiceModule.class,
      SnapshotLockServiceModule.class,
      RetentionRuleServiceModule.class,
      ReplicationServiceModule.class,
      AuditServiceModule.class,
      ComplianceClockServiceModule.class,
      BackupServiceModule.class,
      MetricsModule.class,
      AccessKeyServiceModule.class,
      HttpModule.class,
    })
public interface LockctlModule {}
