package io.lockctl.server.snapshot;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.paging.Page;
import io.lockctl.core.snapshot.DescribeLockedSnapshotsQuery;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.RequestedTerm;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.snapshotlock.SnapshotLockService;
import io.lockctl.core.snapshotlock.UnlockSnapshotCommand;
import io.lockctl.core.snapshotlock.UnlockedSnapshot;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.rpc.ResponseCap;
import io.lockctl.server.rpc.UnaryCalls;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.DescribeLockedSnapshotsResponse;
import io.lockctl.v1.GetSnapshotUnlockChallengeRequest;
import io.lockctl.v1.GetSnapshotUnlockChallengeResponse;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.UnlockSnapshotRequest;
import io.lockctl.v1.UnlockSnapshotResponse;
import jakarta.inject.Inject;

/** lockctl.v1.SnapshotLockService over {@link SnapshotLockService}: translation only. */
public final class SnapshotLockGrpcService
    extends SnapshotLockServiceGrpc.SnapshotLockServiceImplBase {
  private final SnapshotLockService locks;
  private final UnaryCalls calls;
  private final ResponseCap responseCap;

  @Inject
  SnapshotLockGrpcService(SnapshotLockService locks, UnaryCalls calls, ResponseCap responseCap) {
    this.locks = locks;
    this.calls = calls;
    this.responseCap = responseCap;
  }

  @Override
  public void lockSnapshot(
      LockSnapshotRequest request, StreamObserver<LockSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            locks.lock(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new LockSnapshotCommand(
                    request.getRegionId(),
                    request.getSnapshotId(),
                    SnapshotMessages.toDomain(request.getLockMode()),
                    term(request),
                    request.getCoolOffPeriodHours(),
                    request.getLockKeyRef())),
        locked ->
            LockSnapshotResponse.newBuilder()
                .setLockedSnapshotInfo(
                    SnapshotMessages.toProto(
                        locked.value().snapshotId(), locked.value().lock(), locked.at()))
                .build());
  }

  @Override
  public void unlockSnapshot(
      UnlockSnapshotRequest request, StreamObserver<UnlockSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () ->
            locks.unlock(
                Mutations.of(request, request.getClientToken(), request.getDryRun()),
                new UnlockSnapshotCommand(
                    request.getRegionId(), request.getSnapshotId(), request.getSignature())),
        SnapshotLockGrpcService::toUnlockResponse);
  }

  @Override
  public void getSnapshotUnlockChallenge(
      GetSnapshotUnlockChallengeRequest request,
      StreamObserver<GetSnapshotUnlockChallengeResponse> observer) {
    calls.answer(
        observer,
        () ->
            locks.unlockChallenge(
                Mutations.caller(), request.getRegionId(), request.getSnapshotId()),
        challenge ->
            GetSnapshotUnlockChallengeResponse.newBuilder()
                .setChallenge(ByteString.copyFrom(challenge.bytes()))
                .setLockKeyRef(challenge.lockKeyId())
                .setIssueTime(ProtoTime.toTimestamp(challenge.issueTime()))
                .setExpireTime(ProtoTime.toTimestamp(challenge.expireTime()))
                .build());
  }

  @Override
  public void describeLockedSnapshots(
      DescribeLockedSnapshotsRequest request,
      StreamObserver<DescribeLockedSnapshotsResponse> observer) {
    calls.answer(
        observer,
        () ->
            locks.describeLocked(
                Mutations.caller(),
                new DescribeLockedSnapshotsQuery(
                    request.getRegionId(),
                    request.getSnapshotIdsList(),
                    SnapshotMessages.toDomain(request.getLockStatus()),
                    request.getPageSize(),
                    request.getPageToken())),
        this::toDescribeResponse);
  }

  /** The oneof's term, or {@link RequestedTerm#MISSING} when neither was given. */
  private static RequestedTerm term(LockSnapshotRequest request) {
    return switch (request.getTermCase()) {
      case LOCK_DURATION_DAYS -> new LockTerm.Days(request.getLockDurationDays());
      case EXPIRE_TIME ->
          new LockTerm.Until(ProtoTime.toInstant(request.getExpireTime(), "expire_time"));
      case TERM_NOT_SET -> RequestedTerm.MISSING;
    };
  }

  private static UnlockSnapshotResponse toUnlockResponse(AsOf<UnlockedSnapshot> unlocked) {
    String snapshotId = unlocked.value().snapshot().snapshotId();
    return UnlockSnapshotResponse.newBuilder()
        .setSnapshotId(snapshotId)
        .setRemovedLock(
            SnapshotMessages.toProto(snapshotId, unlocked.value().removedLock(), unlocked.at()))
        .build();
  }

  private DescribeLockedSnapshotsResponse toDescribeResponse(AsOf<Page<LockedSnapshot>> page) {
    ResponseCap.Capped<io.lockctl.v1.LockedSnapshotInfo> capped =
        responseCap.fit(
            page.value(),
            locked -> SnapshotMessages.toProto(locked.snapshotId(), locked.lock(), page.at()));
    return DescribeLockedSnapshotsResponse.newBuilder()
        .addAllLockedSnapshots(capped.items())
        .setNextPageToken(capped.nextPageToken())
        .build();
  }
}
