package io.lockctl.loadtest;

import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.DescribeLockedSnapshotsResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotResponse;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.SnapshotState;
import io.lockctl.v1.SnapshotStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * lockctl.v1's SnapshotService and SnapshotLockService answering canned messages of the size
 * lockctl sends for the bench's calls, with no work behind them: the most grpc-java can serve on
 * the machine. Built like lockctl's server (Netty, the same message limits and keepalive) so that
 * the only difference left is what lockctl does per call.
 *
 * <p>Each answer carries the request's snapshot id, so it is as long as lockctl's; building it is
 * one small copy, which lockctl pays too.
 */
final class NoopServer {

  /** lockctl's limits (LockctlServer); a smaller inbound limit would be a cheaper transport. */
  private static final int MAX_INBOUND_MESSAGE_BYTES = 1 << 20;

  private static final int MAX_INBOUND_METADATA_BYTES = 16 << 10;
  private static final int PAGE_SIZE = 50;
  private static final Timestamp CREATED =
      Timestamp.newBuilder().setSeconds(1_767_225_600L).setNanos(123_000_000).build();
  private static final Timestamp LOCKED =
      Timestamp.newBuilder().setSeconds(1_767_312_000L).setNanos(456_000_000).build();
  private static final Timestamp EXPIRES =
      Timestamp.newBuilder().setSeconds(1_767_398_400L).setNanos(456_000_000).build();

  /** A one-day GOVERNANCE lock, what the bench's LockSnapshot sets. */
  static final LockedSnapshotInfo LOCK =
      LockedSnapshotInfo.newBuilder()
          .setSnapshotId(SnapshotIds.format(0))
          .setLockMode(LockMode.LOCK_MODE_GOVERNANCE)
          .setLockStatus(LockStatus.LOCK_STATUS_GOVERNANCE)
          .setLockCreationTime(LOCKED)
          .setLockDurationDays(1)
          .setLockDurationStartTime(LOCKED)
          .setLockExpiredTime(EXPIRES)
          .build();

  /** A seeded snapshot (the seeder's defaults), unlocked. */
  static final Snapshot SNAPSHOT =
      Snapshot.newBuilder()
          .setRegionId("cn-hangzhou")
          .setSnapshotId(SnapshotIds.format(0))
          .setStatus(SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED)
          .setCreateTime(CREATED)
          .setState(SnapshotState.SNAPSHOT_STATE_ACTIVE)
          .build();

  /** A full first page of locks, with the token of a next page. */
  static final DescribeLockedSnapshotsResponse PAGE = page();

  private NoopServer() {}

  /**
   * Listens on {@code host:port} (0 picks a free port). Handlers run on a fixed pool of two threads
   * per core, as lockctl's do (its CallExecutor): grpc-java's advice for servers, and the same
   * hand-off from the event loop that lockctl pays.
   */
  static Server start(String host, int port) throws IOException {
    ExecutorService handlers =
        Executors.newFixedThreadPool(
            2 * Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread thread = new Thread(r, "noop-call");
              thread.setDaemon(true);
              return thread;
            });
    return NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .executor(handlers)
        .keepAliveTime(1, TimeUnit.MINUTES)
        .keepAliveTimeout(20, TimeUnit.SECONDS)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .maxInboundMetadataSize(MAX_INBOUND_METADATA_BYTES)
        .addService(new Snapshots())
        .addService(new Locks())
        .build()
        .start();
  }

  private static DescribeLockedSnapshotsResponse page() {
    DescribeLockedSnapshotsResponse.Builder page = DescribeLockedSnapshotsResponse.newBuilder();
    for (int n = 0; n < PAGE_SIZE; n++) {
      page.addLockedSnapshots(LOCK.toBuilder().setSnapshotId(SnapshotIds.format(n)));
    }
    // lockctl's tokens are this long: base64 of a 12-byte digest of the filters and the last id.
    byte[] token = new byte[12 + SnapshotIds.format(PAGE_SIZE - 1).length()];
    return page.setNextPageToken(Base64.getUrlEncoder().withoutPadding().encodeToString(token))
        .build();
  }

  private static <T> void answer(StreamObserver<T> observer, T response) {
    observer.onNext(response);
    observer.onCompleted();
  }

  private static final class Snapshots extends SnapshotServiceGrpc.SnapshotServiceImplBase {
    @Override
    public void registerSnapshot(
        RegisterSnapshotRequest request, StreamObserver<RegisterSnapshotResponse> observer) {
      answer(
          observer,
          RegisterSnapshotResponse.newBuilder()
              .setSnapshot(
                  SNAPSHOT.toBuilder()
                      .setRegionId(request.getRegionId())
                      .setSnapshotId(request.getSnapshotId()))
              .build());
    }

    @Override
    public void getSnapshot(
        GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> observer) {
      // The bench reads snapshots its LockSnapshot run locked, so lockctl answers with the lock.
      answer(
          observer,
          GetSnapshotResponse.newBuilder()
              .setSnapshot(
                  SNAPSHOT.toBuilder()
                      .setRegionId(request.getRegionId())
                      .setSnapshotId(request.getSnapshotId())
                      .setLock(LOCK.toBuilder().setSnapshotId(request.getSnapshotId())))
              .build());
    }
  }

  private static final class Locks extends SnapshotLockServiceGrpc.SnapshotLockServiceImplBase {
    @Override
    public void lockSnapshot(
        LockSnapshotRequest request, StreamObserver<LockSnapshotResponse> observer) {
      answer(
          observer,
          LockSnapshotResponse.newBuilder()
              .setLockedSnapshotInfo(LOCK.toBuilder().setSnapshotId(request.getSnapshotId()))
              .build());
    }

    @Override
    public void describeLockedSnapshots(
        DescribeLockedSnapshotsRequest request,
        StreamObserver<DescribeLockedSnapshotsResponse> observer) {
      answer(observer, PAGE);
    }
  }
}
