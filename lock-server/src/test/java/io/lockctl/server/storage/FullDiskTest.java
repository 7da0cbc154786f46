package io.lockctl.server.storage;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.store.jdbc.DiskSpace;
import io.lockctl.core.store.jdbc.SqlFailures;
import io.lockctl.core.transaction.StorageFault;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.DaggerTestServerComponent;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Refusals;
import io.lockctl.server.testing.TestStores;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded store on a 2 MiB tmpfs the test mounts: writes fill it until they are refused with
 * STORAGE_FULL, health says NOT_SERVING, and once a file on the same filesystem is deleted writes
 * commit again, without a restart, and every acknowledged one is there. An I/O error that does not
 * say why is STORAGE_FULL only while the filesystem is full.
 */
class FullDiskTest {
  /** Freed to end the outage: enough for the WAL to grow a little. */
  private static final int FILLER_BYTES = 512 << 10;

  private static final int MOST_WRITES = 20_000;

  private Path mountPoint;
  private boolean mounted;

  @BeforeEach
  void mountTmpfs() throws Exception {
    Assumptions.assumeFalse(
        "postgres".equals(System.getProperty(TestStores.PROPERTY)),
        "the full-disk test is about the embedded store's own disk");
    mountPoint = Files.createTempDirectory("lockctl-full-disk");
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    Assumptions.assumeTrue(
        mounted,
        () ->
            "skipped: this machine cannot mount a tmpfs (mount said: "
                + output.strip()
                + "), so the full-disk test did not run");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", "-l", mountPoint.toString())
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    }
    if (mountPoint != null) {
      Files.deleteIfExists(mountPoint);
    }
  }

  @Test
  void aFullDiskRefusesWritesWithStorageFullAndTheyCommitAgainOnceSpaceIsFreed() throws Exception {
    Path filler = mountPoint.resolve("filler");
    Files.write(filler, new byte[FILLER_BYTES]);
    ServerConfig config =
        new ServerConfig("localhost", 0, mountPoint.resolve("data"), Duration.ofSeconds(5));
    LockctlServer server =
        DaggerTestServerComponent.factory()
            .create(config, new SettableClock(InProcessLockctl.START), Optional.empty())
            .server();
    String name = InProcessServerBuilder.generateName();
    server.startInProcess(name);
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try (CapturedLog quiet = CapturedLog.of("io.lockctl")) {
      SnapshotServiceBlockingStub snapshots = SnapshotServiceGrpc.newBlockingStub(channel);
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
      assertEquals(ServingStatus.SERVING, status(health));

      List<String> acknowledged = new ArrayList<>();
      StatusRuntimeException refusal = fillUntilRefused(snapshots, acknowledged);
      assertEquals(
          Status.Code.RESOURCE_EXHAUSTED, refusal.getStatus().getCode(), refusal::toString);
      assertEquals("STORAGE_FULL", Refusals.refusal(refusal).errorInfo().getReason());
      assertTrue(acknowledged.size() > 10, "the store took writes before the disk filled");
      assertEquals(ServingStatus.NOT_SERVING, status(health));

      Files.delete(filler);
      long freedAt = System.nanoTime();
      String afterFreeing = snapshotId(MOST_WRITES + 1);
      awaitCommit(snapshots, afterFreeing);
      acknowledged.add(afterFreeing);
      long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freedAt);
      assertTrue(recoveryMillis < 5_000, "writes came back after " + recoveryMillis + " ms");
      awaitServing(health);

      for (String id : acknowledged) {
        snapshots.getSnapshot(
            GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build());
      }
      assertTrue(quiet.anyThrown(), "the failing writes were logged");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.stop(Duration.ofSeconds(5));
      deleteContents(mountPoint);
    }
  }

  /**
   * SQLite reports some writes that failed for room as I/O errors (SQLITE_IOERR_WRITE,
   * SQLITE_IOERR_SHMSIZE) without the errno: on this filesystem, filled to the last byte, they are
   * STORAGE_FULL, and once space is freed an I/O error is UNAVAILABLE again. A failed fsync is
   * never taken for a full disk: what it wrote may still be there.
   */
  @Test
  void anIoErrorOnAFullDiskIsStorageFullAndOnlyThen() throws Exception {
    SQLException writeFailed =
        new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR_WRITE);
    SQLException fsyncFailed =
        new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR_FSYNC);
    Path filler = mountPoint.resolve("filler");
    assertFalse(DiskSpace.nearlyFull(mountPoint));
    assertEquals(StorageFault.UNAVAILABLE, SqlFailures.writeFault(writeFailed, false));

    try (OutputStream out = Files.newOutputStream(filler)) {
      byte[] block = new byte[64 << 10];
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException noSpaceLeft) {
      // the filesystem is full
    }
    boolean full = DiskSpace.nearlyFull(mountPoint);
    assertTrue(full, "a full tmpfs is nearly full");
    assertEquals(StorageFault.STORAGE_FULL, SqlFailures.writeFault(writeFailed, full));
    assertEquals(StorageFault.UNAVAILABLE, SqlFailures.writeFault(fsyncFailed, full));

    Files.delete(filler);
    assertFalse(DiskSpace.nearlyFull(mountPoint));
  }

  private static StatusRuntimeException fillUntilRefused(
      SnapshotServiceBlockingStub snapshots, List<String> acknowledged) {
    for (int n = 1; n <= MOST_WRITES; n++) {
      String id = snapshotId(n);
      try {
        // large tags make each write use more of the disk
        snapshots.registerSnapshot(
            register(id).putTags("padding", "x".repeat(200)).setClientToken("fill-" + n).build());
        acknowledged.add(id);
      } catch (StatusRuntimeException refused) {
        return refused;
      }
    }
    return fail("the disk never filled after " + MOST_WRITES + " writes");
  }

  private static void awaitCommit(SnapshotServiceBlockingStub snapshots, String id)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    StatusRuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        snapshots.registerSnapshot(register(id).setClientToken("after-" + id).build());
        return;
      } catch (StatusRuntimeException refused) {
        last = refused;
        Thread.sleep(50);
      }
    }
    fail("writes still fail 5 s after space was freed: " + last);
  }

  private static void awaitServing(HealthGrpc.HealthBlockingStub health)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (status(health) != ServingStatus.SERVING) {
      if (System.nanoTime() > deadline) {
        fail("health still says " + status(health) + " after writes commit again");
      }
      Thread.sleep(50);
    }
  }

  private static ServingStatus status(HealthGrpc.HealthBlockingStub health) {
    return health.check(HealthCheckRequest.getDefaultInstance()).getStatus();
  }

  private static void deleteContents(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .filter(path -> !path.equals(dir))
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
  }
}
