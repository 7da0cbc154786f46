package io.lockctl.server.backup;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.testing.TestPostgres;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.BackupServiceGrpc;
import io.lockctl.v1.BackupServiceGrpc.BackupServiceBlockingStub;
import io.lockctl.v1.CreateBackupRequest;
import io.lockctl.v1.CreateBackupResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.VerifyAuditRequest;
import io.lockctl.v1.VerifyAuditResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BackupService over real sockets: a backup taken while writers keep writing, restored into a new
 * data directory and served from there, holds every write acknowledged before it began and an audit
 * log that verifies.
 */
class OnlineBackupTest {
  private static final int WRITERS = 4;

  @TempDir Path dir;

  private final List<LockctlServer> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void closeEverything() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (LockctlServer server : servers) {
      server.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void aBackupTakenDuringWritesRestoresEveryAcknowledgedWriteAndAVerifiedAuditLog()
      throws Exception {
    Path live = Files.createDirectory(dir.resolve("live"));
    ManagedChannel channel = start(new ServerConfig("127.0.0.1", 0, live, Duration.ofSeconds(5)));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger ids = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      running.add(
          writers.submit(
              () -> {
                var snapshots = SnapshotServiceGrpc.newBlockingStub(channel);
                while (writing.get()) {
                  String id = snapshotId(ids.incrementAndGet());
                  snapshots.registerSnapshot(register(id).build());
                  acknowledged.add(id);
                }
                return null;
              }));
    }
    while (acknowledged.size() < 200) {
      Thread.sleep(10);
    }

    Set<String> acknowledgedBefore = Set.copyOf(acknowledged);
    Path copy = dir.resolve("lockctl-backup.db");
    CreateBackupResponse backup = backups(channel).createBackup(request(copy.toString()));
    int acknowledgedRightAfter = acknowledged.size();
    Thread.sleep(100);
    writing.set(false);
    for (Future<?> writer : running) {
      writer.get(30, TimeUnit.SECONDS);
    }
    writers.shutdown();

    assertTrue(acknowledged.size() > acknowledgedRightAfter, "the writes went on after the backup");
    assertEquals(copy.toString(), backup.getPath());
    assertEquals(Files.size(copy), backup.getSizeBytes());
    assertTrue(
        backup.getAuditTreeSize() >= acknowledgedBefore.size(),
        backup.getAuditTreeSize() + " audit records for " + acknowledgedBefore.size() + " writes");
    try (var partials = Files.list(dir)) {
      assertEquals(
          List.of(copy), partials.filter(Files::isRegularFile).toList(), "no partial files left");
    }

    // Restore: the copy as lockctl.db in an empty data directory, with the audit key beside it.
    Path restored = Files.createDirectory(dir.resolve("restored"));
    Files.copy(copy, restored.resolve("lockctl.db"));
    Files.copy(live.resolve("audit-key.pem"), restored.resolve("audit-key.pem"));
    ManagedChannel fromBackup =
        start(new ServerConfig("127.0.0.1", 0, restored, Duration.ofSeconds(5)));

    VerifyAuditResponse verified =
        AuditServiceGrpc.newBlockingStub(fromBackup)
            .verifyAudit(VerifyAuditRequest.getDefaultInstance());
    assertTrue(verified.getOk(), verified.getDetail());
    assertEquals(backup.getAuditTreeSize(), verified.getTreeSize());
    var snapshots = SnapshotServiceGrpc.newBlockingStub(fromBackup);
    for (String id : acknowledgedBefore) {
      assertEquals(
          id,
          snapshots
              .getSnapshot(
                  GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build())
              .getSnapshot()
              .getSnapshotId());
    }
  }

  @Test
  void aBadTargetIsRefusedAndNothingIsWritten() throws Exception {
    ManagedChannel channel =
        start(new ServerConfig("127.0.0.1", 0, dir.resolve("data"), Duration.ofSeconds(5)));
    BackupServiceBlockingStub backups = backups(channel);
    Path taken = Files.writeString(dir.resolve("taken.db"), "not a backup");

    var exists =
        assertRefused(
            Status.Code.ALREADY_EXISTS,
            "BACKUP_TARGET_EXISTS",
            () -> backups.createBackup(request(taken.toString())));
    assertEquals(taken.toString(), exists.errorInfo().getMetadataOrThrow("path"));
    assertEquals("not a backup", Files.readString(taken));

    Path nowhere = dir.resolve("missing").resolve("copy.db");
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "BACKUP_TARGET_UNWRITABLE",
        () -> backups.createBackup(request(nowhere.toString())));
    assertFalse(Files.exists(nowhere.getParent()));

    for (String path : List.of("", "relative/copy.db")) {
      var invalid =
          assertRefused(
              Status.Code.INVALID_ARGUMENT,
              "INVALID_PARAMETER",
              () -> backups.createBackup(request(path)));
      assertEquals(List.of("path"), invalid.violatedFields());
    }
  }

  @Test
  void postgresqlIsBackedUpWithItsOwnTools() throws Exception {
    Path data = dir.resolve("pg");
    ManagedChannel channel =
        start(
            new ServerConfig(
                "127.0.0.1", 0, data, Duration.ofSeconds(5), TestPostgres.urlFor(data)));
    Path copy = dir.resolve("copy.db");

    var refused =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "BACKUP_UNSUPPORTED",
            () -> backups(channel).createBackup(request(copy.toString())));
    assertTrue(refused.status().getDescription().contains("pg_dump"));
    assertFalse(Files.exists(copy));
  }

  private ManagedChannel start(ServerConfig config) throws Exception {
    LockctlServer server = DaggerServerComponent.factory().create(config).server();
    servers.add(server);
    int port = server.start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(channel);
    return channel;
  }

  private static BackupServiceBlockingStub backups(ManagedChannel channel) {
    return BackupServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static CreateBackupRequest request(String path) {
    return CreateBackupRequest.newBuilder().setPath(path).build();
  }
}
