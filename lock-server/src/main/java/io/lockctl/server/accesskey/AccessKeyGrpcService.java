package io.lockctl.server.accesskey;

import io.grpc.stub.StreamObserver;
import io.lockctl.core.accesskey.AccessKey;
import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.paging.Page;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.rpc.UnaryCalls;
import io.lockctl.v1.AccessKeyServiceGrpc;
import io.lockctl.v1.CreateAccessKeyRequest;
import io.lockctl.v1.CreateAccessKeyResponse;
import io.lockctl.v1.DeleteAccessKeyRequest;
import io.lockctl.v1.DeleteAccessKeyResponse;
import io.lockctl.v1.ListAccessKeysRequest;
import io.lockctl.v1.ListAccessKeysResponse;
import jakarta.inject.Inject;

/** lockctl.v1.AccessKeyService over {@link AccessKeyService}: translation only. */
public final class AccessKeyGrpcService extends AccessKeyServiceGrpc.AccessKeyServiceImplBase {
  private final AccessKeyService keys;
  private final UnaryCalls calls;

  @Inject
  AccessKeyGrpcService(AccessKeyService keys, UnaryCalls calls) {
    this.keys = keys;
    this.calls = calls;
  }

  @Override
  public void createAccessKey(
      CreateAccessKeyRequest request, StreamObserver<CreateAccessKeyResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            keys.create(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getPrincipal()),
        created ->
            CreateAccessKeyResponse.newBuilder()
                .setAccessKey(toProto(created.key()))
                .setSecretAccessKey(created.secret())
                .build());
  }

  @Override
  public void listAccessKeys(
      ListAccessKeysRequest request, StreamObserver<ListAccessKeysResponse> observer) {
    calls.answer(
        observer,
        () ->
            keys.list(
                Mutations.caller(),
                request.getPrincipal(),
                request.getPageSize(),
                request.getPageToken()),
        AccessKeyGrpcService::toListResponse);
  }

  @Override
  public void deleteAccessKey(
      DeleteAccessKeyRequest request, StreamObserver<DeleteAccessKeyResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            keys.delete(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                request.getAccessKeyId()),
        deleted -> DeleteAccessKeyResponse.newBuilder().setAccessKey(toProto(deleted)).build());
  }

  private static io.lockctl.v1.AccessKey toProto(AccessKey key) {
    return io.lockctl.v1.AccessKey.newBuilder()
        .setAccessKeyId(key.id())
        .setPrincipal(key.principal())
        .setCreateTime(ProtoTime.toTimestamp(key.createTime()))
        .build();
  }

  private static ListAccessKeysResponse toListResponse(Page<AccessKey> page) {
    ListAccessKeysResponse.Builder response =
        ListAccessKeysResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(key -> response.addAccessKeys(toProto(key)));
    return response.build();
  }
}
