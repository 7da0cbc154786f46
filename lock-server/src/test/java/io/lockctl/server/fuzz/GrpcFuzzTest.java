package io.lockctl.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One coverage-guided fuzz target per lockctl gRPC service, over the real stack: the production
 * server on a loopback port, the embedded store, raw request bytes (see {@link FuzzedServer} for
 * the input's layout, {@link Oracle} for what every answer must satisfy).
 *
 * <p>A plain build replays the corpus in {@code GrpcFuzzTestInputs/<method>/} (test resources);
 * {@code .ci/fuzz.sh} fuzzes each target for a bounded time. docs/fuzzing.md explains both.
 */
class GrpcFuzzTest {
  private static FuzzedServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = FuzzedServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      System.out.println("gRPC fuzz: " + server.calls() + " calls");
      server.close();
    }
  }

  @FuzzTest
  void snapshotService(byte[] input) throws Exception {
    server.exercise("lockctl.v1.SnapshotService", input);
  }

  @FuzzTest
  void snapshotLockService(byte[] input) throws Exception {
    server.exercise("lockctl.v1.SnapshotLockService", input);
  }

  @FuzzTest
  void retentionRuleService(byte[] input) throws Exception {
    server.exercise("lockctl.v1.RetentionRuleService", input);
  }

  @FuzzTest
  void replicationService(byte[] input) throws Exception {
    server.exercise("lockctl.v1.ReplicationService", input);
  }

  @FuzzTest
  void auditService(byte[] input) throws Exception {
    server.exercise("lockctl.v1.AuditService", input);
  }

  @FuzzTest
  void backupService(byte[] input) throws Exception {
    server.exercise("lockctl.v1.BackupService", input);
  }

  @FuzzTest
  void complianceClockService(byte[] input) throws Exception {
    server.exercise("lockctl.v1.ComplianceClockService", input);
  }

  @FuzzTest
  void accessKeyService(byte[] input) throws Exception {
    server.exercise("lockctl.v1.AccessKeyService", input);
  }
}
