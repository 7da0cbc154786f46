package io.lockctl.server.replication;

import io.grpc.stub.StreamObserver;
import io.lockctl.core.lockkey.CreateLockKeyCommand;
import io.lockctl.core.lockkey.LockKeyService;
import io.lockctl.core.lockkey.LockKeyUsage;
import io.lockctl.core.lockkey.UpdateLockKeyCommand;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.paging.Page;
import io.lockctl.core.replication.CreatePolicySnapshotCommand;
import io.lockctl.core.replication.CreateTargetRelationshipCommand;
import io.lockctl.core.replication.PolicySnapshot;
import io.lockctl.core.replication.ReplicationService;
import io.lockctl.core.replication.SetTargetRelationshipLockCommand;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.rpc.ResponseCap;
import io.lockctl.server.rpc.UnaryCalls;
import io.lockctl.server.snapshot.SnapshotMessages;
import io.lockctl.v1.CreateLockKeyRequest;
import io.lockctl.v1.CreateLockKeyResponse;
import io.lockctl.v1.CreatePolicySnapshotRequest;
import io.lockctl.v1.CreatePolicySnapshotResponse;
import io.lockctl.v1.CreateTargetRelationshipRequest;
import io.lockctl.v1.CreateTargetRelationshipResponse;
import io.lockctl.v1.DeleteLockKeyRequest;
import io.lockctl.v1.DeleteLockKeyResponse;
import io.lockctl.v1.DeleteTargetRelationshipRequest;
import io.lockctl.v1.DeleteTargetRelationshipResponse;
import io.lockctl.v1.GetLockKeyRequest;
import io.lockctl.v1.GetLockKeyResponse;
import io.lockctl.v1.GetTargetRelationshipLockRequest;
import io.lockctl.v1.GetTargetRelationshipLockResponse;
import io.lockctl.v1.GetTargetRelationshipRequest;
import io.lockctl.v1.GetTargetRelationshipResponse;
import io.lockctl.v1.ListLockKeyUsagesRequest;
import io.lockctl.v1.ListLockKeyUsagesResponse;
import io.lockctl.v1.ListLockKeysRequest;
import io.lockctl.v1.ListLockKeysResponse;
import io.lockctl.v1.ListTargetRelationshipsRequest;
import io.lockctl.v1.ListTargetRelationshipsResponse;
import io.lockctl.v1.ReplicationServiceGrpc;
import io.lockctl.v1.ReverseTargetRelationshipRequest;
import io.lockctl.v1.ReverseTargetRelationshipResponse;
import io.lockctl.v1.RevertTargetRelationshipRequest;
import io.lockctl.v1.RevertTargetRelationshipResponse;
import io.lockctl.v1.SetTargetRelationshipLockRequest;
import io.lockctl.v1.SetTargetRelationshipLockResponse;
import io.lockctl.v1.UpdateLockKeyRequest;
import io.lockctl.v1.UpdateLockKeyResponse;
import jakarta.inject.Inject;

/**
 * lockctl.v1.ReplicationService over {@link LockKeyService} (lock keys) and {@link
 * ReplicationService} (relationships, their locks and policy snapshots): translation only.
 */
public final class ReplicationGrpcService
    extends ReplicationServiceGrpc.ReplicationServiceImplBase {
  private final LockKeyService keys;
  private final ReplicationService relationships;
  private final UnaryCalls calls;
  private final ResponseCap responseCap;

  @Inject
  ReplicationGrpcService(
      LockKeyService keys,
      ReplicationService relationships,
      UnaryCalls calls,
      ResponseCap responseCap) {
    this.keys = keys;
    this.relationships = relationships;
    this.calls = calls;
    this.responseCap = responseCap;
  }

  // Lock keys

  @Override
  public void createLockKey(
      CreateLockKeyRequest request, StreamObserver<CreateLockKeyResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            keys.create(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new CreateLockKeyCommand(
                    request.getName(),
                    request.getComment(),
                    request.getPublicKey(),
                    request.getVerificationSignature())),
        created ->
            CreateLockKeyResponse.newBuilder()
                .setLockKey(ReplicationMessages.toProto(created))
                .build());
  }

  @Override
  public void getLockKey(GetLockKeyRequest request, StreamObserver<GetLockKeyResponse> observer) {
    calls.answer(
        observer,
        () -> keys.get(Mutations.caller(), request.getLockKeyRef()),
        key ->
            GetLockKeyResponse.newBuilder().setLockKey(ReplicationMessages.toProto(key)).build());
  }

  @Override
  public void listLockKeys(
      ListLockKeysRequest request, StreamObserver<ListLockKeysResponse> observer) {
    calls.answer(
        observer,
        () -> keys.list(Mutations.caller(), request.getPageSize(), request.getPageToken()),
        page -> {
          ResponseCap.Capped<io.lockctl.v1.LockKey> capped =
              responseCap.fit(page, ReplicationMessages::toProto);
          return ListLockKeysResponse.newBuilder()
              .addAllLockKeys(capped.items())
              .setNextPageToken(capped.nextPageToken())
              .build();
        });
  }

  @Override
  public void updateLockKey(
      UpdateLockKeyRequest request, StreamObserver<UpdateLockKeyResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            keys.update(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new UpdateLockKeyCommand(
                    request.getLockKeyRef(),
                    request.getLockKey().getComment(),
                    request.getLockKey().getDisabled(),
                    request.getUpdateMask().getPathsList())),
        updated ->
            UpdateLockKeyResponse.newBuilder()
                .setLockKey(ReplicationMessages.toProto(updated))
                .build());
  }

  @Override
  public void deleteLockKey(
      DeleteLockKeyRequest request, StreamObserver<DeleteLockKeyResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            keys.delete(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getLockKeyRef()),
        deleted ->
            DeleteLockKeyResponse.newBuilder()
                .setLockKey(ReplicationMessages.toProto(deleted))
                .build());
  }

  @Override
  public void listLockKeyUsages(
      ListLockKeyUsagesRequest request, StreamObserver<ListLockKeyUsagesResponse> observer) {
    calls.answer(
        observer,
        () ->
            keys.usages(
                Mutations.caller(),
                request.getLockKeyRef(),
                request.getPageSize(),
                request.getPageToken()),
        this::toUsagesResponse);
  }

  // Target relationships

  @Override
  public void createTargetRelationship(
      CreateTargetRelationshipRequest request,
      StreamObserver<CreateTargetRelationshipResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            relationships.create(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new CreateTargetRelationshipCommand(
                    request.getRegionId(),
                    request.getSourceCluster(),
                    request.getSourcePath(),
                    request.getTargetPath(),
                    ReplicationMessages.expirationTtl(request.getSnapshotPolicy()))),
        created ->
            CreateTargetRelationshipResponse.newBuilder()
                .setTargetRelationship(ReplicationMessages.toProto(created))
                .build());
  }

  @Override
  public void getTargetRelationship(
      GetTargetRelationshipRequest request,
      StreamObserver<GetTargetRelationshipResponse> observer) {
    calls.answer(
        observer,
        () -> relationships.get(Mutations.caller(), request.getRelationshipId()),
        found ->
            GetTargetRelationshipResponse.newBuilder()
                .setTargetRelationship(ReplicationMessages.toProto(found))
                .build());
  }

  @Override
  public void listTargetRelationships(
      ListTargetRelationshipsRequest request,
      StreamObserver<ListTargetRelationshipsResponse> observer) {
    calls.answer(
        observer,
        () ->
            relationships.list(
                Mutations.caller(),
                request.getRegionId(),
                request.getPageSize(),
                request.getPageToken()),
        page -> {
          ResponseCap.Capped<io.lockctl.v1.TargetRelationship> capped =
              responseCap.fit(page, ReplicationMessages::toProto);
          return ListTargetRelationshipsResponse.newBuilder()
              .addAllTargetRelationships(capped.items())
              .setNextPageToken(capped.nextPageToken())
              .build();
        });
  }

  @Override
  public void deleteTargetRelationship(
      DeleteTargetRelationshipRequest request,
      StreamObserver<DeleteTargetRelationshipResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            relationships.delete(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getRelationshipId()),
        deleted ->
            DeleteTargetRelationshipResponse.newBuilder()
                .setTargetRelationship(ReplicationMessages.toProto(deleted))
                .build());
  }

  @Override
  public void reverseTargetRelationship(
      ReverseTargetRelationshipRequest request,
      StreamObserver<ReverseTargetRelationshipResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            relationships.reverse(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getRelationshipId()),
        reversed ->
            ReverseTargetRelationshipResponse.newBuilder()
                .setTargetRelationship(ReplicationMessages.toProto(reversed))
                .build());
  }

  @Override
  public void revertTargetRelationship(
      RevertTargetRelationshipRequest request,
      StreamObserver<RevertTargetRelationshipResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            relationships.revert(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getRelationshipId()),
        reverted ->
            RevertTargetRelationshipResponse.newBuilder()
                .setTargetRelationship(ReplicationMessages.toProto(reverted))
                .build());
  }

  @Override
  public void setTargetRelationshipLock(
      SetTargetRelationshipLockRequest request,
      StreamObserver<SetTargetRelationshipLockResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            relationships.setLock(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new SetTargetRelationshipLockCommand(
                    request.getRelationshipId(),
                    request.getLockKeyRef(),
                    request.getClearLockKey())),
        updated ->
            SetTargetRelationshipLockResponse.newBuilder()
                .setLockKeyRef(updated.currentKeyId().orElse(""))
                .build());
  }

  @Override
  public void getTargetRelationshipLock(
      GetTargetRelationshipLockRequest request,
      StreamObserver<GetTargetRelationshipLockResponse> observer) {
    calls.answer(
        observer,
        () -> relationships.getLock(Mutations.caller(), request.getRelationshipId()),
        keyId ->
            GetTargetRelationshipLockResponse.newBuilder().setLockKeyRef(keyId.orElse("")).build());
  }

  @Override
  public void createPolicySnapshot(
      CreatePolicySnapshotRequest request, StreamObserver<CreatePolicySnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            relationships.createPolicySnapshot(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new CreatePolicySnapshotCommand(
                    request.getRelationshipId(), request.getSnapshotId())),
        ReplicationGrpcService::toProto);
  }

  private ListLockKeyUsagesResponse toUsagesResponse(Page<LockKeyUsage> page) {
    ResponseCap.Capped<io.lockctl.v1.LockKeyUsage> capped =
        responseCap.fit(page, ReplicationMessages::toProto);
    return ListLockKeyUsagesResponse.newBuilder()
        .addAllUsages(capped.items())
        .setNextPageToken(capped.nextPageToken())
        .build();
  }

  private static CreatePolicySnapshotResponse toProto(AsOf<PolicySnapshot> result) {
    PolicySnapshot created = result.value();
    CreatePolicySnapshotResponse.Builder response =
        CreatePolicySnapshotResponse.newBuilder()
            .setSnapshot(SnapshotMessages.toProto(created.snapshot(), result.at()))
            .setCreatedByPolicy(created.createdByPolicy());
    if (created.expireTime() != null) {
      response.setExpireTime(ProtoTime.toTimestamp(created.expireTime()));
    }
    return response.build();
  }
}
