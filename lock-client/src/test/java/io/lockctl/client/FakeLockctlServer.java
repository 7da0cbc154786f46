package io.lockctl.client;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.DeleteSnapshotResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotResponse;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in lockctl on the in-process transport that records what each attempt of a call brought,
 * and can lose responses: the handler runs (the call takes effect) but the client gets {@code
 * UNAVAILABLE} instead, as when a connection breaks after the server committed.
 *
 * <p>GetSnapshot and LockSnapshot succeed; DeleteSnapshot is always refused SNAPSHOT_LOCKED.
 */
final class FakeLockctlServer implements AutoCloseable {

  /** What one attempt brought to the server. */
  record Attempt(String method, Message request, Metadata headers, Deadline deadline) {}

  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> responsesToLose = new ConcurrentHashMap<>();
  private final String name = InProcessServerBuilder.generateName();
  private final Server server;

  FakeLockctlServer() throws IOException {
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(ServerInterceptors.intercept(new Snapshots(), new ResponseLoser()))
            .addService(ServerInterceptors.intercept(new Locks(), new ResponseLoser()))
            .build()
            .start();
  }

  /** A channel to this server configured as {@link LockctlClient} configures its own. */
  ManagedChannel retryingChannel(int maxAttempts) {
    return InProcessChannelBuilder.forName(name)
        .directExecutor()
        .defaultServiceConfig(LockctlClient.serviceConfig(maxAttempts))
        .enableRetry()
        .build();
  }

  /**
   * The next {@code count} calls of the method (full name, e.g.
   * "lockctl.v1.SnapshotService/GetSnapshot") lose their response.
   */
  void loseResponses(String fullMethodName, int count) {
    responsesToLose.put(fullMethodName, count);
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  private void record(String method, Message request) {
    attempts.add(
        new Attempt(method, request, CurrentHeaders.KEY.get(), Context.current().getDeadline()));
  }

  private final class Snapshots extends SnapshotServiceGrpc.SnapshotServiceImplBase {
    @Override
    public void getSnapshot(
        GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> response) {
      record("GetSnapshot", request);
      response.onNext(
          GetSnapshotResponse.newBuilder()
              .setSnapshot(
                  Snapshot.newBuilder()
                      .setRegionId(request.getRegionId())
                      .setSnapshotId(request.getSnapshotId()))
              .build());
      response.onCompleted();
    }

    @Override
    public void deleteSnapshot(
        DeleteSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> response) {
      record("DeleteSnapshot", request);
      response.onError(
          StatusProto.toStatusRuntimeException(
              com.google.rpc.Status.newBuilder()
                  .setCode(Code.FAILED_PRECONDITION_VALUE)
                  .setMessage("snapshot is locked")
                  .addDetails(
                      Any.pack(
                          ErrorInfo.newBuilder()
                              .setReason("SNAPSHOT_LOCKED")
                              .setDomain("lockctl.v1")
                              .putMetadata("lock_status", "GOVERNANCE")
                              .build()))
                  .build()));
    }
  }

  private final class Locks extends SnapshotLockServiceGrpc.SnapshotLockServiceImplBase {
    @Override
    public void lockSnapshot(
        LockSnapshotRequest request, StreamObserver<LockSnapshotResponse> response) {
      record("LockSnapshot", request);
      response.onNext(
          LockSnapshotResponse.newBuilder()
              .setLockedSnapshotInfo(
                  LockedSnapshotInfo.newBuilder()
                      .setSnapshotId(request.getSnapshotId())
                      .setLockMode(request.getLockMode()))
              .build());
      response.onCompleted();
    }
  }

  /**
   * Keeps each call's headers for {@link #record} and swaps the outcome of calls chosen to lose
   * their response.
   */
  private final class ResponseLoser implements ServerInterceptor {
    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
        ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      Context context = Context.current().withValue(CurrentHeaders.KEY, headers);
      ServerCall<ReqT, RespT> sent =
          loseNext(call.getMethodDescriptor().getFullMethodName()) ? new Lost<>(call) : call;
      return Contexts.interceptCall(context, sent, headers, next);
    }

    private boolean loseNext(String method) {
      int[] lose = {0};
      responsesToLose.computeIfPresent(
          method,
          (m, left) -> {
            lose[0] = left;
            return left > 1 ? left - 1 : null;
          });
      return lose[0] > 0;
    }
  }

  /**
   * Drops headers and message and closes UNAVAILABLE. Headers must go too: a client that has seen
   * response headers treats the attempt as committed and does not retry it.
   */
  private static final class Lost<ReqT, RespT>
      extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
    Lost(ServerCall<ReqT, RespT> delegate) {
      super(delegate);
    }

    @Override
    public void sendHeaders(Metadata headers) {}

    @Override
    public void sendMessage(RespT message) {}

    @Override
    public void close(Status status, Metadata trailers) {
      super.close(
          Status.UNAVAILABLE.withDescription("response lost on the way back (injected)"),
          new Metadata());
    }
  }

  private static final class CurrentHeaders {
    static final Context.Key<Metadata> KEY = Context.key("headers");
  }
}
