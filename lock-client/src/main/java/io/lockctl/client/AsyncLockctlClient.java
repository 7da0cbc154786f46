package io.lockctl.client;

import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.lockctl.v1.CreateLockKeyRequest;
import io.lockctl.v1.CreateLockKeyResponse;
import io.lockctl.v1.CreatePolicySnapshotRequest;
import io.lockctl.v1.CreatePolicySnapshotResponse;
import io.lockctl.v1.CreateRuleRequest;
import io.lockctl.v1.CreateRuleResponse;
import io.lockctl.v1.CreateTargetRelationshipRequest;
import io.lockctl.v1.CreateTargetRelationshipResponse;
import io.lockctl.v1.DeleteLockKeyRequest;
import io.lockctl.v1.DeleteLockKeyResponse;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.DeleteRuleResponse;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.DeleteSnapshotResponse;
import io.lockctl.v1.DeleteTargetRelationshipRequest;
import io.lockctl.v1.DeleteTargetRelationshipResponse;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.DescribeLockedSnapshotsResponse;
import io.lockctl.v1.GetLockKeyRequest;
import io.lockctl.v1.GetLockKeyResponse;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.GetRuleResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotResponse;
import io.lockctl.v1.GetSnapshotUnlockChallengeRequest;
import io.lockctl.v1.GetSnapshotUnlockChallengeResponse;
import io.lockctl.v1.GetTargetRelationshipLockRequest;
import io.lockctl.v1.GetTargetRelationshipLockResponse;
import io.lockctl.v1.GetTargetRelationshipRequest;
import io.lockctl.v1.GetTargetRelationshipResponse;
import io.lockctl.v1.ListLockKeyUsagesRequest;
import io.lockctl.v1.ListLockKeyUsagesResponse;
import io.lockctl.v1.ListLockKeysRequest;
import io.lockctl.v1.ListLockKeysResponse;
import io.lockctl.v1.ListRulesRequest;
import io.lockctl.v1.ListRulesResponse;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.ListSnapshotsResponse;
import io.lockctl.v1.ListTargetRelationshipsRequest;
import io.lockctl.v1.ListTargetRelationshipsResponse;
import io.lockctl.v1.LockRuleRequest;
import io.lockctl.v1.LockRuleResponse;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.ReplicationServiceGrpc;
import io.lockctl.v1.RestoreSnapshotRequest;
import io.lockctl.v1.RestoreSnapshotResponse;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.ReverseTargetRelationshipRequest;
import io.lockctl.v1.ReverseTargetRelationshipResponse;
import io.lockctl.v1.RevertTargetRelationshipRequest;
import io.lockctl.v1.RevertTargetRelationshipResponse;
import io.lockctl.v1.SetTargetRelationshipLockRequest;
import io.lockctl.v1.SetTargetRelationshipLockResponse;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.UnlockRuleRequest;
import io.lockctl.v1.UnlockRuleResponse;
import io.lockctl.v1.UnlockSnapshotRequest;
import io.lockctl.v1.UnlockSnapshotResponse;
import io.lockctl.v1.UpdateLockKeyRequest;
import io.lockctl.v1.UpdateLockKeyResponse;
import io.lockctl.v1.UpdateRuleRequest;
import io.lockctl.v1.UpdateRuleResponse;
import io.lockctl.v1.UpdateSnapshotRequest;
import io.lockctl.v1.UpdateSnapshotResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The calls of a {@link LockctlClient}, each returning at once a {@link CompletableFuture} of its
 * response: {@code client.async().lockSnapshot(request).thenAccept(...)}. A refused or failed call
 * completes its future exceptionally with a {@link LockctlException} (wrapped in an {@code
 * ExecutionException} by {@code get()}, a {@code CompletionException} by {@code join()}).
 * Cancelling a future cancels its call. Deadlines, retries, {@code client_token}s and credentials
 * are the client's.
 *
 * <p>Futures complete on gRPC's threads: give a dependent stage that blocks or works long an
 * executor of its own ({@code thenApplyAsync(f, executor)}).
 */
public final class AsyncLockctlClient {
  private static final String CANCELLED = "the caller cancelled the future";

  private final LockctlClient client;

  AsyncLockctlClient(LockctlClient client) {
    this.client = client;
  }

  /** These calls with another deadline each (see {@link LockctlClient#withDeadline}). */
  public AsyncLockctlClient withDeadline(Duration deadline) {
    return new AsyncLockctlClient(client.withDeadline(deadline));
  }

  public CompletableFuture<RegisterSnapshotResponse> registerSnapshot(
      RegisterSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getRegisterSnapshotMethod(), request);
  }

  public CompletableFuture<GetSnapshotResponse> getSnapshot(GetSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getGetSnapshotMethod(), request);
  }

  public CompletableFuture<ListSnapshotsResponse> listSnapshots(ListSnapshotsRequest request) {
    return call(SnapshotServiceGrpc.getListSnapshotsMethod(), request);
  }

  public CompletableFuture<UpdateSnapshotResponse> updateSnapshot(UpdateSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getUpdateSnapshotMethod(), request);
  }

  public CompletableFuture<DeleteSnapshotResponse> deleteSnapshot(DeleteSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getDeleteSnapshotMethod(), request);
  }

  public CompletableFuture<RestoreSnapshotResponse> restoreSnapshot(
      RestoreSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getRestoreSnapshotMethod(), request);
  }

  public CompletableFuture<LockSnapshotResponse> lockSnapshot(LockSnapshotRequest request) {
    return call(SnapshotLockServiceGrpc.getLockSnapshotMethod(), request);
  }

  public CompletableFuture<UnlockSnapshotResponse> unlockSnapshot(UnlockSnapshotRequest request) {
    return call(SnapshotLockServiceGrpc.getUnlockSnapshotMethod(), request);
  }

  public CompletableFuture<DescribeLockedSnapshotsResponse> describeLockedSnapshots(
      DescribeLockedSnapshotsRequest request) {
    return call(SnapshotLockServiceGrpc.getDescribeLockedSnapshotsMethod(), request);
  }

  public CompletableFuture<CreateRuleResponse> createRule(CreateRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getCreateRuleMethod(), request);
  }

  public CompletableFuture<GetRuleResponse> getRule(GetRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getGetRuleMethod(), request);
  }

  public CompletableFuture<ListRulesResponse> listRules(ListRulesRequest request) {
    return call(RetentionRuleServiceGrpc.getListRulesMethod(), request);
  }

  public CompletableFuture<UpdateRuleResponse> updateRule(UpdateRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getUpdateRuleMethod(), request);
  }

  public CompletableFuture<DeleteRuleResponse> deleteRule(DeleteRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getDeleteRuleMethod(), request);
  }

  public CompletableFuture<LockRuleResponse> lockRule(LockRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getLockRuleMethod(), request);
  }

  public CompletableFuture<UnlockRuleResponse> unlockRule(UnlockRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getUnlockRuleMethod(), request);
  }

  public CompletableFuture<GetSnapshotUnlockChallengeResponse> getSnapshotUnlockChallenge(
      GetSnapshotUnlockChallengeRequest request) {
    return call(SnapshotLockServiceGrpc.getGetSnapshotUnlockChallengeMethod(), request);
  }

  public CompletableFuture<CreateLockKeyResponse> createLockKey(CreateLockKeyRequest request) {
    return call(ReplicationServiceGrpc.getCreateLockKeyMethod(), request);
  }

  public CompletableFuture<GetLockKeyResponse> getLockKey(GetLockKeyRequest request) {
    return call(ReplicationServiceGrpc.getGetLockKeyMethod(), request);
  }

  public CompletableFuture<ListLockKeysResponse> listLockKeys(ListLockKeysRequest request) {
    return call(ReplicationServiceGrpc.getListLockKeysMethod(), request);
  }

  public CompletableFuture<UpdateLockKeyResponse> updateLockKey(UpdateLockKeyRequest request) {
    return call(ReplicationServiceGrpc.getUpdateLockKeyMethod(), request);
  }

  public CompletableFuture<DeleteLockKeyResponse> deleteLockKey(DeleteLockKeyRequest request) {
    return call(ReplicationServiceGrpc.getDeleteLockKeyMethod(), request);
  }

  public CompletableFuture<ListLockKeyUsagesResponse> listLockKeyUsages(
      ListLockKeyUsagesRequest request) {
    return call(ReplicationServiceGrpc.getListLockKeyUsagesMethod(), request);
  }

  public CompletableFuture<CreateTargetRelationshipResponse> createTargetRelationship(
      CreateTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getCreateTargetRelationshipMethod(), request);
  }

  public CompletableFuture<GetTargetRelationshipResponse> getTargetRelationship(
      GetTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getGetTargetRelationshipMethod(), request);
  }

  public CompletableFuture<ListTargetRelationshipsResponse> listTargetRelationships(
      ListTargetRelationshipsRequest request) {
    return call(ReplicationServiceGrpc.getListTargetRelationshipsMethod(), request);
  }

  public CompletableFuture<DeleteTargetRelationshipResponse> deleteTargetRelationship(
      DeleteTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getDeleteTargetRelationshipMethod(), request);
  }

  public CompletableFuture<ReverseTargetRelationshipResponse> reverseTargetRelationship(
      ReverseTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getReverseTargetRelationshipMethod(), request);
  }

  public CompletableFuture<RevertTargetRelationshipResponse> revertTargetRelationship(
      RevertTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getRevertTargetRelationshipMethod(), request);
  }

  public CompletableFuture<SetTargetRelationshipLockResponse> setTargetRelationshipLock(
      SetTargetRelationshipLockRequest request) {
    return call(ReplicationServiceGrpc.getSetTargetRelationshipLockMethod(), request);
  }

  public CompletableFuture<GetTargetRelationshipLockResponse> getTargetRelationshipLock(
      GetTargetRelationshipLockRequest request) {
    return call(ReplicationServiceGrpc.getGetTargetRelationshipLockMethod(), request);
  }

  public CompletableFuture<CreatePolicySnapshotResponse> createPolicySnapshot(
      CreatePolicySnapshotRequest request) {
    return call(ReplicationServiceGrpc.getCreatePolicySnapshotMethod(), request);
  }

  private <Req extends Message, Resp> CompletableFuture<Resp> call(
      MethodDescriptor<Req, Resp> method, Req request) {
    ClientCall<Req, Resp> call = client.channel().newCall(method, client.callOptions());
    CompletableFuture<Resp> response = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        call,
        client.withToken(request),
        new StreamObserver<>() {
          @Override
          public void onNext(Resp value) {
            response.complete(value);
          }

          @Override
          public void onError(Throwable failure) {
            response.completeExceptionally(
                failure instanceof StatusRuntimeException status
                    ? LockctlException.from(status)
                    : failure);
          }

          @Override
          public void onCompleted() {}
        });
    // the stage only reacts to a cancellation; nothing waits on it
    var unused =
        response.whenComplete(
            (value, failure) -> {
              if (response.isCancelled()) {
                call.cancel(CANCELLED, null);
              }
            });
    return response;
  }
}
