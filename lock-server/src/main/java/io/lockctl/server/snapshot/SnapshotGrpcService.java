package io.lockctl.server.snapshot;

import io.grpc.stub.StreamObserver;
import io.lockctl.core.idempotency.MutationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.snapshot.DeletedSnapshot;
import io.lockctl.core.snapshot.ListSnapshotsQuery;
import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotCatalog;
import io.lockctl.core.snapshot.UpdateSnapshotCommand;
import io.lockctl.core.store.Store;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoResponseCodec;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.rpc.UnaryCalls;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.DeleteSnapshotResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotResponse;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.ListSnapshotsResponse;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.RestoreSnapshotRequest;
import io.lockctl.v1.RestoreSnapshotResponse;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.UpdateSnapshotRequest;
import io.lockctl.v1.UpdateSnapshotResponse;
import jakarta.inject.Inject;
import java.time.Instant;

/** lockctl.v1.SnapshotService over {@link SnapshotCatalog}: translation only. */
public final class SnapshotGrpcService extends SnapshotServiceGrpc.SnapshotServiceImplBase {
  private static final ProtoResponseCodec<RegisterSnapshotResponse> REGISTER_CODEC =
      new ProtoResponseCodec<>(RegisterSnapshotResponse.parser());
  private static final ProtoResponseCodec<UpdateSnapshotResponse> UPDATE_CODEC =
      new ProtoResponseCodec<>(UpdateSnapshotResponse.parser());
  private static final ProtoResponseCodec<DeleteSnapshotResponse> DELETE_CODEC =
      new ProtoResponseCodec<>(DeleteSnapshotResponse.parser());
  private static final ProtoResponseCodec<RestoreSnapshotResponse> RESTORE_CODEC =
      new ProtoResponseCodec<>(RestoreSnapshotResponse.parser());

  private final Store store;
  private final MutationRunner mutations;
  private final SnapshotCatalog catalog;
  private final UnaryCalls calls;

  @Inject
  SnapshotGrpcService(
      Store store, MutationRunner mutations, SnapshotCatalog catalog, UnaryCalls calls) {
    this.store = store;
    this.mutations = mutations;
    this.catalog = catalog;
    this.calls = calls;
  }

  @Override
  public void registerSnapshot(
      RegisterSnapshotRequest request, StreamObserver<RegisterSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () -> {
          RegisterSnapshotCommand command =
              new RegisterSnapshotCommand(
                  request.getRegionId(),
                  request.getSnapshotId(),
                  SnapshotMessages.toDomain(request.getStatus()),
                  request.getRetentionDays(),
                  request.getShared(),
                  request.getManagedBy(),
                  request.getTagsMap(),
                  request.hasCreateTime()
                      ? ProtoTime.toInstant(request.getCreateTime(), "create_time")
                      : null);
          return mutations.run(
              Mutations.of(
                  SnapshotServiceGrpc.getRegisterSnapshotMethod(),
                  request,
                  request.getClientToken(),
                  request.getDryRun()),
              REGISTER_CODEC,
              tx ->
                  RegisterSnapshotResponse.newBuilder()
                      .setSnapshot(
                          SnapshotMessages.toProto(catalog.register(tx, command), tx.now()))
                      .build());
        });
  }

  @Override
  public void getSnapshot(
      GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx ->
                    GetSnapshotResponse.newBuilder()
                        .setSnapshot(
                            SnapshotMessages.toProto(
                                catalog.get(tx, request.getRegionId(), request.getSnapshotId()),
                                tx.now()))
                        .build()));
  }

  @Override
  public void listSnapshots(
      ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
    calls.answer(
        observer,
        () -> {
          ListSnapshotsQuery query =
              new ListSnapshotsQuery(
                  request.getRegionId(),
                  SnapshotMessages.toDomain(request.getState()),
                  request.getLocked(),
                  request.getTagKey(),
                  request.hasTagValue() ? request.getTagValue() : null,
                  request.getPageSize(),
                  request.getPageToken());
          return store.read(tx -> toProto(catalog.list(tx, query), tx.now()));
        });
  }

  @Override
  public void updateSnapshot(
      UpdateSnapshotRequest request, StreamObserver<UpdateSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () -> {
          io.lockctl.v1.Snapshot values = request.getSnapshot();
          UpdateSnapshotCommand command =
              new UpdateSnapshotCommand(
                  request.getRegionId(),
                  request.getSnapshotId(),
                  request.getUpdateMask().getPathsList(),
                  SnapshotMessages.toDomain(values.getStatus()),
                  values.getRetentionDays(),
                  values.getShared(),
                  values.getTagsMap());
          return mutations.run(
              Mutations.of(
                  SnapshotServiceGrpc.getUpdateSnapshotMethod(),
                  request,
                  request.getClientToken(),
                  request.getDryRun()),
              UPDATE_CODEC,
              tx ->
                  UpdateSnapshotResponse.newBuilder()
                      .setSnapshot(SnapshotMessages.toProto(catalog.update(tx, command), tx.now()))
                      .build());
        });
  }

  @Override
  public void deleteSnapshot(
      DeleteSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            mutations.run(
                Mutations.of(
                    SnapshotServiceGrpc.getDeleteSnapshotMethod(),
                    request,
                    request.getClientToken(),
                    request.getDryRun()),
                DELETE_CODEC,
                tx -> toProto(catalog.delete(tx, request.getRegionId(), request.getSnapshotId()))));
  }

  @Override
  public void restoreSnapshot(
      RestoreSnapshotRequest request, StreamObserver<RestoreSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            mutations.run(
                Mutations.of(
                    SnapshotServiceGrpc.getRestoreSnapshotMethod(),
                    request,
                    request.getClientToken(),
                    request.getDryRun()),
                RESTORE_CODEC,
                tx ->
                    RestoreSnapshotResponse.newBuilder()
                        .setSnapshot(
                            SnapshotMessages.toProto(
                                catalog.restore(tx, request.getRegionId(), request.getSnapshotId()),
                                tx.now()))
                        .build()));
  }

  private static ListSnapshotsResponse toProto(Page<Snapshot> page, Instant now) {
    ListSnapshotsResponse.Builder response =
        ListSnapshotsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    for (Snapshot snapshot : page.items()) {
      response.addSnapshots(SnapshotMessages.toProto(snapshot, now));
    }
    return response.build();
  }

  private static DeleteSnapshotResponse toProto(DeletedSnapshot deleted) {
    DeleteSnapshotResponse.Builder response =
        DeleteSnapshotResponse.newBuilder()
            .setSnapshotId(deleted.snapshotId())
            .addAllRetainedByRuleIds(deleted.retainedByRuleIds());
    if (deleted.retainUntil() != null) {
      response.setRetainUntil(ProtoTime.toTimestamp(deleted.retainUntil()));
    }
    return response.build();
  }
}
