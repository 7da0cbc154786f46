package io.lockctl.server;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.audit.AuditSigningKey;
import io.lockctl.core.audit.AuditTrail;
import io.lockctl.core.auditlog.AuditLogService;
import io.lockctl.core.auth.PolicyAccessControl;
import io.lockctl.core.auth.ReloadingPolicy;
import io.lockctl.core.operation.AccessControl;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.store.Store;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Who may do what, and the record of what was done: the policy every operation is checked against
 * (none without authenticated callers), and the audit log every mutation appends to, with the key
 * that signs its checkpoints.
 */
@Module
public interface TrustModule {
  /** The store's names for what it keeps for the audit log when no key file is given. */
  String AUDIT_KEY_SECRET = "audit-signing-key";

  String AUDIT_LOG_ID_SECRET = "audit-log-id";

  /** The policy in force, reloaded when its file changes (and on SIGHUP); empty without one. */
  @Provides
  @Singleton
  static Optional<ReloadingPolicy> policy(ServerConfig config) {
    if (config.security().policy() == null) {
      return Optional.empty();
    }
    try {
      ReloadingPolicy policy = ReloadingPolicy.load(config.security().policy());
      var unusedWatcher = policy.watch();
      Sighup.onSignal(policy::reload);
      return Optional.of(policy);
    } catch (io.lockctl.core.auth.InvalidPolicyException invalid) {
      throw new InvalidPolicyFileException(invalid.getMessage(), invalid);
    }
  }

  @Provides
  @Singleton
  static AccessControl accessControl(Optional<ReloadingPolicy> policy) {
    return policy.<AccessControl>map(PolicyAccessControl::new).orElse(AccessControl.ALLOW_ALL);
  }

  @Provides
  @Singleton
  static AuditTrail auditTrail() {
    return new AuditLog();
  }

  @Provides
  @Singleton
  static OperationRunner operationRunner(AccessControl access, AuditTrail audit) {
    return new OperationRunner(access, audit);
  }

  /**
   * The key of {@code --audit-key}; otherwise one the store keeps: in the embedded store's data
   * directory as {@code audit-key.pem}, or in PostgreSQL, shared by the replicas. Whoever holds the
   * data then holds the key, which the log warns about.
   */
  @Provides
  @Singleton
  static AuditSigningKey auditSigningKey(ServerConfig config, Store store) {
    Logger log = Logger.getLogger(TrustModule.class.getName());
    try {
      if (config.security().auditKey() != null) {
        return AuditSigningKey.load(config.security().auditKey());
      }
      if (config.postgresUrl() == null) {
        log.warning(
            "no --audit-key: the audit log's checkpoints are signed with "
                + config.dataDir().resolve(AuditSigningKey.FILE_NAME)
                + ", made in the data directory; whoever holds the data directory can sign");
        return AuditSigningKey.loadOrCreate(config.dataDir());
      }
      log.warning(
          "no --audit-key: the audit log's checkpoints are signed with a key kept in the database;"
              + " whoever holds the database can sign");
      return AuditSigningKey.fromSeed(
          store.write(tx -> tx.secrets().getOrCreate(AUDIT_KEY_SECRET, 32)).join());
    } catch (IOException e) {
      throw new UncheckedIOException("the audit signing key cannot be read", e);
    }
  }

  /**
   * The checkpoints' origin line: the log's name, drawn once per store (so shared by replicas) and
   * stable across key rotations.
   */
  @Provides
  @Singleton
  @AuditOrigin
  static String auditOrigin(Store store) {
    byte[] id = store.write(tx -> tx.secrets().getOrCreate(AUDIT_LOG_ID_SECRET, 32)).join();
    return "lockctl/audit/" + HexFormat.of().formatHex(id, 0, 8);
  }

  @Provides
  @Singleton
  static AuditLogService auditLogService(
      Store store,
      OperationRunner operations,
      AuditSigningKey key,
      @AuditOrigin String origin,
      Pages pages) {
    return new AuditLogService(store, operations, key, origin, pages);
  }
}
