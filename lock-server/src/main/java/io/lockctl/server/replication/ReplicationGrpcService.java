package io.lockctl.server.replication;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import io.lockctl.core.idempotency.MutationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.replication.CreateLockKeyCommand;
import io.lockctl.core.replication.CreatePolicySnapshotCommand;
import io.lockctl.core.replication.CreateTargetRelationshipCommand;
import io.lockctl.core.replication.LockKey;
import io.lockctl.core.replication.LockKeyUsage;
import io.lockctl.core.replication.LockKeys;
import io.lockctl.core.replication.PolicySnapshot;
import io.lockctl.core.replication.PolicySnapshots;
import io.lockctl.core.replication.SetTargetRelationshipLockCommand;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.replication.TargetRelationships;
import io.lockctl.core.replication.UpdateLockKeyCommand;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.WriteWork;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoResponseCodec;
import io.lockctl.server.rpc.ProtoTime;
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
 * lockctl.v1.ReplicationService over {@link LockKeys}, {@link TargetRelationships} and {@link
 * PolicySnapshots}: translation only. Each shell gets the transaction twice, as the transaction and
 * as the replication repositories it offers.
 */
public final class ReplicationGrpcService
    extends ReplicationServiceGrpc.ReplicationServiceImplBase {
  private static final ProtoResponseCodec<CreateLockKeyResponse> CREATE_KEY_CODEC =
      codec(CreateLockKeyResponse.parser());
  private static final ProtoResponseCodec<UpdateLockKeyResponse> UPDATE_KEY_CODEC =
      codec(UpdateLockKeyResponse.parser());
  private static final ProtoResponseCodec<DeleteLockKeyResponse> DELETE_KEY_CODEC =
      codec(DeleteLockKeyResponse.parser());
  private static final ProtoResponseCodec<CreateTargetRelationshipResponse>
      CREATE_RELATIONSHIP_CODEC = codec(CreateTargetRelationshipResponse.parser());
  private static final ProtoResponseCodec<DeleteTargetRelationshipResponse>
      DELETE_RELATIONSHIP_CODEC = codec(DeleteTargetRelationshipResponse.parser());
  private static final ProtoResponseCodec<ReverseTargetRelationshipResponse> REVERSE_CODEC =
      codec(ReverseTargetRelationshipResponse.parser());
  private static final ProtoResponseCodec<RevertTargetRelationshipResponse> REVERT_CODEC =
      codec(RevertTargetRelationshipResponse.parser());
  private static final ProtoResponseCodec<SetTargetRelationshipLockResponse> SET_LOCK_CODEC =
      codec(SetTargetRelationshipLockResponse.parser());
  private static final ProtoResponseCodec<CreatePolicySnapshotResponse> POLICY_SNAPSHOT_CODEC =
      codec(CreatePolicySnapshotResponse.parser());

  private final Store store;
  private final MutationRunner mutations;
  private final LockKeys keys;
  private final TargetRelationships relationships;
  private final PolicySnapshots policySnapshots;
  private final UnaryCalls calls;

  @Inject
  ReplicationGrpcService(
      Store store,
      MutationRunner mutations,
      LockKeys keys,
      TargetRelationships relationships,
      PolicySnapshots policySnapshots,
      UnaryCalls calls) {
    this.store = store;
    this.mutations = mutations;
    this.keys = keys;
    this.relationships = relationships;
    this.policySnapshots = policySnapshots;
    this.calls = calls;
  }

  // Lock keys

  @Override
  public void createLockKey(
      CreateLockKeyRequest request, StreamObserver<CreateLockKeyResponse> observer) {
    CreateLockKeyCommand command =
        new CreateLockKeyCommand(
            request.getName(),
            request.getComment(),
            request.getPublicKey(),
            request.getVerificationSignature());
    mutate(
        observer,
        ReplicationServiceGrpc.getCreateLockKeyMethod(),
        request,
        request.getClientToken(),
        request.getDryRun(),
        CREATE_KEY_CODEC,
        tx ->
            CreateLockKeyResponse.newBuilder()
                .setLockKey(ReplicationMessages.toProto(keys.create(tx, tx, command)))
                .build());
  }

  @Override
  public void getLockKey(GetLockKeyRequest request, StreamObserver<GetLockKeyResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx ->
                    GetLockKeyResponse.newBuilder()
                        .setLockKey(
                            ReplicationMessages.toProto(keys.get(tx, tx, request.getLockKeyRef())))
                        .build()));
  }

  @Override
  public void listLockKeys(
      ListLockKeysRequest request, StreamObserver<ListLockKeysResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx -> {
                  Page<LockKey> page =
                      keys.list(tx, tx, request.getPageSize(), request.getPageToken());
                  ListLockKeysResponse.Builder response =
                      ListLockKeysResponse.newBuilder().setNextPageToken(page.nextPageToken());
                  page.items()
                      .forEach(key -> response.addLockKeys(ReplicationMessages.toProto(key)));
                  return response.build();
                }));
  }

  @Override
  public void updateLockKey(
      UpdateLockKeyRequest request, StreamObserver<UpdateLockKeyResponse> observer) {
    UpdateLockKeyCommand command =
        new UpdateLockKeyCommand(
            request.getLockKeyRef(),
            request.getLockKey().getComment(),
            request.getLockKey().getDisabled(),
            request.getUpdateMask().getPathsList());
    mutate(
        observer,
        ReplicationServiceGrpc.getUpdateLockKeyMethod(),
        request,
        request.getClientToken(),
        request.getDryRun(),
        UPDATE_KEY_CODEC,
        tx ->
            UpdateLockKeyResponse.newBuilder()
                .setLockKey(ReplicationMessages.toProto(keys.update(tx, tx, command)))
                .build());
  }

  @Override
  public void deleteLockKey(
      DeleteLockKeyRequest request, StreamObserver<DeleteLockKeyResponse> observer) {
    mutate(
        observer,
        ReplicationServiceGrpc.getDeleteLockKeyMethod(),
        request,
        request.getClientToken(),
        request.getDryRun(),
        DELETE_KEY_CODEC,
        tx ->
            DeleteLockKeyResponse.newBuilder()
                .setLockKey(
                    ReplicationMessages.toProto(keys.delete(tx, tx, request.getLockKeyRef())))
                .build());
  }

  @Override
  public void listLockKeyUsages(
      ListLockKeyUsagesRequest request, StreamObserver<ListLockKeyUsagesResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx -> {
                  Page<LockKeyUsage> page =
                      keys.usages(
                          tx,
                          tx,
                          request.getLockKeyRef(),
                          request.getPageSize(),
                          request.getPageToken());
                  ListLockKeyUsagesResponse.Builder response =
                      ListLockKeyUsagesResponse.newBuilder().setNextPageToken(page.nextPageToken());
                  page.items()
                      .forEach(usage -> response.addUsages(ReplicationMessages.toProto(usage)));
                  return response.build();
                }));
  }

  // Target relationships

  @Override
  public void createTargetRelationship(
      CreateTargetRelationshipRequest request,
      StreamObserver<CreateTargetRelationshipResponse> observer) {
    calls.answerLater(
        observer,
        () -> {
          CreateTargetRelationshipCommand command =
              new CreateTargetRelationshipCommand(
                  request.getRegionId(),
                  request.getSourceCluster(),
                  request.getSourcePath(),
                  request.getTargetPath(),
                  ReplicationMessages.expirationTtl(request.getSnapshotPolicy()));
          return mutations.run(
              Mutations.of(
                  ReplicationServiceGrpc.getCreateTargetRelationshipMethod(),
                  request,
                  request.getClientToken(),
                  request.getDryRun()),
              CREATE_RELATIONSHIP_CODEC,
              tx ->
                  CreateTargetRelationshipResponse.newBuilder()
                      .setTargetRelationship(
                          ReplicationMessages.toProto(relationships.create(tx, tx, command)))
                      .build());
        });
  }

  @Override
  public void getTargetRelationship(
      GetTargetRelationshipRequest request,
      StreamObserver<GetTargetRelationshipResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx ->
                    GetTargetRelationshipResponse.newBuilder()
                        .setTargetRelationship(
                            ReplicationMessages.toProto(
                                relationships.get(tx, tx, request.getRelationshipId())))
                        .build()));
  }

  @Override
  public void listTargetRelationships(
      ListTargetRelationshipsRequest request,
      StreamObserver<ListTargetRelationshipsResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx -> {
                  Page<TargetRelationship> page =
                      relationships.list(
                          tx,
                          tx,
                          request.getRegionId(),
                          request.getPageSize(),
                          request.getPageToken());
                  ListTargetRelationshipsResponse.Builder response =
                      ListTargetRelationshipsResponse.newBuilder()
                          .setNextPageToken(page.nextPageToken());
                  page.items()
                      .forEach(
                          relationship ->
                              response.addTargetRelationships(
                                  ReplicationMessages.toProto(relationship)));
                  return response.build();
                }));
  }

  @Override
  public void deleteTargetRelationship(
      DeleteTargetRelationshipRequest request,
      StreamObserver<DeleteTargetRelationshipResponse> observer) {
    mutate(
        observer,
        ReplicationServiceGrpc.getDeleteTargetRelationshipMethod(),
        request,
        request.getClientToken(),
        request.getDryRun(),
        DELETE_RELATIONSHIP_CODEC,
        tx ->
            DeleteTargetRelationshipResponse.newBuilder()
                .setTargetRelationship(
                    ReplicationMessages.toProto(
                        relationships.delete(tx, tx, request.getRelationshipId())))
                .build());
  }

  @Override
  public void reverseTargetRelationship(
      ReverseTargetRelationshipRequest request,
      StreamObserver<ReverseTargetRelationshipResponse> observer) {
    mutate(
        observer,
        ReplicationServiceGrpc.getReverseTargetRelationshipMethod(),
        request,
        request.getClientToken(),
        request.getDryRun(),
        REVERSE_CODEC,
        tx ->
            ReverseTargetRelationshipResponse.newBuilder()
                .setTargetRelationship(
                    ReplicationMessages.toProto(
                        relationships.reverse(tx, tx, request.getRelationshipId())))
                .build());
  }

  @Override
  public void revertTargetRelationship(
      RevertTargetRelationshipRequest request,
      StreamObserver<RevertTargetRelationshipResponse> observer) {
    mutate(
        observer,
        ReplicationServiceGrpc.getRevertTargetRelationshipMethod(),
        request,
        request.getClientToken(),
        request.getDryRun(),
        REVERT_CODEC,
        tx ->
            RevertTargetRelationshipResponse.newBuilder()
                .setTargetRelationship(
                    ReplicationMessages.toProto(
                        relationships.revert(tx, tx, request.getRelationshipId())))
                .build());
  }

  @Override
  public void setTargetRelationshipLock(
      SetTargetRelationshipLockRequest request,
      StreamObserver<SetTargetRelationshipLockResponse> observer) {
    SetTargetRelationshipLockCommand command =
        new SetTargetRelationshipLockCommand(
            request.getRelationshipId(), request.getLockKeyRef(), request.getClearLockKey());
    mutate(
        observer,
        ReplicationServiceGrpc.getSetTargetRelationshipLockMethod(),
        request,
        request.getClientToken(),
        request.getDryRun(),
        SET_LOCK_CODEC,
        tx ->
            SetTargetRelationshipLockResponse.newBuilder()
                .setLockKeyRef(relationships.setLock(tx, tx, command).currentKeyId().orElse(""))
                .build());
  }

  @Override
  public void getTargetRelationshipLock(
      GetTargetRelationshipLockRequest request,
      StreamObserver<GetTargetRelationshipLockResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx ->
                    GetTargetRelationshipLockResponse.newBuilder()
                        .setLockKeyRef(
                            relationships.getLock(tx, tx, request.getRelationshipId()).orElse(""))
                        .build()));
  }

  @Override
  public void createPolicySnapshot(
      CreatePolicySnapshotRequest request, StreamObserver<CreatePolicySnapshotResponse> observer) {
    CreatePolicySnapshotCommand command =
        new CreatePolicySnapshotCommand(request.getRelationshipId(), request.getSnapshotId());
    mutate(
        observer,
        ReplicationServiceGrpc.getCreatePolicySnapshotMethod(),
        request,
        request.getClientToken(),
        request.getDryRun(),
        POLICY_SNAPSHOT_CODEC,
        tx -> {
          PolicySnapshot created = policySnapshots.create(tx, tx, command);
          CreatePolicySnapshotResponse.Builder response =
              CreatePolicySnapshotResponse.newBuilder()
                  .setSnapshot(SnapshotMessages.toProto(created.snapshot(), tx.now()))
                  .setCreatedByPolicy(created.createdByPolicy());
          if (created.expireTime() != null) {
            response.setExpireTime(ProtoTime.toTimestamp(created.expireTime()));
          }
          return response.build();
        });
  }

  /** Runs a mutating call through the {@link MutationRunner}: token, dry run, durable answer. */
  private <Req extends Message, Resp extends Message> void mutate(
      StreamObserver<Resp> observer,
      MethodDescriptor<Req, Resp> method,
      Req request,
      String clientToken,
      boolean dryRun,
      ProtoResponseCodec<Resp> codec,
      WriteWork<Resp> work) {
    calls.answerLater(
        observer,
        () -> mutations.run(Mutations.of(method, request, clientToken, dryRun), codec, work));
  }

  private static <M extends Message> ProtoResponseCodec<M> codec(Parser<M> parser) {
    return new ProtoResponseCodec<>(parser);
  }
}
