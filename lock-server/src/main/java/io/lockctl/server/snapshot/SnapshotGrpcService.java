package io.lockctl.server.snapshot;

import io.grpc.stub.StreamObserver;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.paging.Page;
import io.lockctl.core.snapshot.DeletedSnapshot;
import io.lockctl.core.snapshot.ListSnapshotsQuery;
import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotService;
import io.lockctl.core.snapshot.UpdateSnapshotCommand;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.rpc.ResponseCap;
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

/** lockctl.v1.SnapshotService over {@link SnapshotService}: translation only. */
public final class SnapshotGrpcService extends SnapshotServiceGrpc.SnapshotServiceImplBase {
  private final SnapshotService snapshots;
  private final UnaryCalls calls;
  private final ResponseCap responseCap;

  @Inject
  SnapshotGrpcService(SnapshotService snapshots, UnaryCalls calls, ResponseCap responseCap) {
    this.snapshots = snapshots;
    this.calls = calls;
    this.responseCap = responseCap;
  }

  @Override
  public void registerSnapshot(
      RegisterSnapshotRequest request, StreamObserver<RegisterSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            snapshots.register(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
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
                        : null)),
        registered ->
            RegisterSnapshotResponse.newBuilder().setSnapshot(toProto(registered)).build());
  }

  @Override
  public void getSnapshot(
      GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> observer) {
    calls.answer(
        observer,
        () -> snapshots.get(Mutations.caller(), request.getRegionId(), request.getSnapshotId()),
        found -> GetSnapshotResponse.newBuilder().setSnapshot(toProto(found)).build());
  }

  @Override
  public void listSnapshots(
      ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
    calls.answer(
        observer,
        () ->
            snapshots.list(
                Mutations.caller(),
                new ListSnapshotsQuery(
                    request.getRegionId(),
                    SnapshotMessages.toDomain(request.getState()),
                    request.getLocked(),
                    request.getTagKey(),
                    request.hasTagValue() ? request.getTagValue() : null,
                    request.getPageSize(),
                    request.getPageToken())),
        this::toListResponse);
  }

  @Override
  public void updateSnapshot(
      UpdateSnapshotRequest request, StreamObserver<UpdateSnapshotResponse> observer) {
    io.lockctl.v1.Snapshot values = request.getSnapshot();
    calls.answerLater(
        observer,
        () ->
            snapshots.update(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new UpdateSnapshotCommand(
                    request.getRegionId(),
                    request.getSnapshotId(),
                    request.getUpdateMask().getPathsList(),
                    SnapshotMessages.toDomain(values.getStatus()),
                    values.getRetentionDays(),
                    values.getShared(),
                    values.getTagsMap())),
        updated -> UpdateSnapshotResponse.newBuilder().setSnapshot(toProto(updated)).build());
  }

  @Override
  public void deleteSnapshot(
      DeleteSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            snapshots.delete(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getRegionId(),
                request.getSnapshotId()),
        deleted -> toProto(deleted.value()));
  }

  @Override
  public void restoreSnapshot(
      RestoreSnapshotRequest request, StreamObserver<RestoreSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            snapshots.restore(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getRegionId(),
                request.getSnapshotId()),
        restored -> RestoreSnapshotResponse.newBuilder().setSnapshot(toProto(restored)).build());
  }

  private static io.lockctl.v1.Snapshot toProto(AsOf<Snapshot> snapshot) {
    return SnapshotMessages.toProto(snapshot.value(), snapshot.at());
  }

  private ListSnapshotsResponse toListResponse(AsOf<Page<Snapshot>> page) {
    ResponseCap.Capped<io.lockctl.v1.Snapshot> capped =
        responseCap.fit(page.value(), snapshot -> SnapshotMessages.toProto(snapshot, page.at()));
    return ListSnapshotsResponse.newBuilder()
        .addAllSnapshots(capped.items())
        .setNextPageToken(capped.nextPageToken())
        .build();
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
