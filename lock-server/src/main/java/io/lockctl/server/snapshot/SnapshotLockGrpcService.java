package io.lockctl.server.snapshot;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.lockctl.core.idempotency.MutationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.replication.SnapshotUnlockChallenges;
import io.lockctl.core.replication.UnlockChallenge;
import io.lockctl.core.snapshot.DescribeLockedSnapshotsQuery;
import io.lockctl.core.snapshot.LockSnapshotCommand;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLocking;
import io.lockctl.core.snapshot.UnlockSnapshotCommand;
import io.lockctl.core.snapshot.UnlockedSnapshot;
import io.lockctl.core.store.Store;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoResponseCodec;
import io.lockctl.server.rpc.ProtoTime;
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
import java.time.Instant;

/**
 * lockctl.v1.SnapshotLockService over {@link SnapshotLocking} and, for KEY locks' challenges,
 * {@link SnapshotUnlockChallenges}: translation only.
 */
public final class SnapshotLockGrpcService
    extends SnapshotLockServiceGrpc.SnapshotLockServiceImplBase {
  private static final ProtoResponseCodec<LockSnapshotResponse> LOCK_CODEC =
      new ProtoResponseCodec<>(LockSnapshotResponse.parser());
  private static final ProtoResponseCodec<UnlockSnapshotResponse> UNLOCK_CODEC =
      new ProtoResponseCodec<>(UnlockSnapshotResponse.parser());

  private final Store store;
  private final MutationRunner mutations;
  private final SnapshotLocking locking;
  private final SnapshotUnlockChallenges challenges;
  private final UnaryCalls calls;

  @Inject
  SnapshotLockGrpcService(
      Store store,
      MutationRunner mutations,
      SnapshotLocking locking,
      SnapshotUnlockChallenges challenges,
      UnaryCalls calls) {
    this.store = store;
    this.mutations = mutations;
    this.locking = locking;
    this.challenges = challenges;
    this.calls = calls;
  }

  @Override
  public void lockSnapshot(
      LockSnapshotRequest request, StreamObserver<LockSnapshotResponse> observer) {
    calls.answerLater(
        observer,
        () -> {
          LockSnapshotCommand command =
              new LockSnapshotCommand(
                  request.getRegionId(),
                  request.getSnapshotId(),
                  SnapshotMessages.toDomain(request.getLockMode()),
                  term(request),
                  request.getCoolOffPeriodHours(),
                  request.getLockKeyRef());
          return mutations.run(
              Mutations.of(
                  SnapshotLockServiceGrpc.getLockSnapshotMethod(),
                  request,
                  request.getClientToken(),
                  request.getDryRun()),
              LOCK_CODEC,
              tx -> {
                Snapshot locked = locking.lock(tx, command);
                return LockSnapshotResponse.newBuilder()
                    .setLockedSnapshotInfo(
                        SnapshotMessages.toProto(locked.snapshotId(), locked.lock(), tx.now()))
                    .build();
              });
        });
  }

  @Override
  public void unlockSnapshot(
      UnlockSnapshotRequest request, StreamObserver<UnlockSnapshotResponse> observer) {
    UnlockSnapshotCommand command =
        new UnlockSnapshotCommand(
            request.getRegionId(), request.getSnapshotId(), request.getSignature());
    calls.answerLater(
        observer,
        () ->
            mutations.run(
                Mutations.of(
                    SnapshotLockServiceGrpc.getUnlockSnapshotMethod(),
                    request,
                    request.getClientToken(),
                    request.getDryRun()),
                UNLOCK_CODEC,
                tx -> {
                  UnlockedSnapshot unlocked = locking.unlock(tx, command);
                  String snapshotId = unlocked.snapshot().snapshotId();
                  return UnlockSnapshotResponse.newBuilder()
                      .setSnapshotId(snapshotId)
                      .setRemovedLock(
                          SnapshotMessages.toProto(snapshotId, unlocked.removedLock(), tx.now()))
                      .build();
                }));
  }

  @Override
  public void getSnapshotUnlockChallenge(
      GetSnapshotUnlockChallengeRequest request,
      StreamObserver<GetSnapshotUnlockChallengeResponse> observer) {
    calls.answer(
        observer,
        () ->
            store.read(
                tx -> {
                  UnlockChallenge challenge =
                      challenges.get(tx, request.getRegionId(), request.getSnapshotId());
                  return GetSnapshotUnlockChallengeResponse.newBuilder()
                      .setChallenge(ByteString.copyFrom(challenge.bytes()))
                      .setLockKeyRef(challenge.lockKeyId())
                      .setIssueTime(ProtoTime.toTimestamp(challenge.issueTime()))
                      .setExpireTime(ProtoTime.toTimestamp(challenge.expireTime()))
                      .build();
                }));
  }

  @Override
  public void describeLockedSnapshots(
      DescribeLockedSnapshotsRequest request,
      StreamObserver<DescribeLockedSnapshotsResponse> observer) {
    DescribeLockedSnapshotsQuery query =
        new DescribeLockedSnapshotsQuery(
            request.getRegionId(),
            request.getSnapshotIdsList(),
            SnapshotMessages.toDomain(request.getLockStatus()),
            request.getPageSize(),
            request.getPageToken());
    calls.answer(
        observer, () -> store.read(tx -> toProto(locking.describeLocked(tx, query), tx.now())));
  }

  /** The oneof's term; {@code null} when neither was given (the domain refuses it). */
  private static LockTerm term(LockSnapshotRequest request) {
    return switch (request.getTermCase()) {
      case LOCK_DURATION_DAYS -> new LockTerm.Days(request.getLockDurationDays());
      case EXPIRE_TIME ->
          new LockTerm.Until(ProtoTime.toInstant(request.getExpireTime(), "expire_time"));
      case TERM_NOT_SET -> null;
    };
  }

  private static DescribeLockedSnapshotsResponse toProto(Page<LockedSnapshot> page, Instant now) {
    DescribeLockedSnapshotsResponse.Builder response =
        DescribeLockedSnapshotsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    for (LockedSnapshot locked : page.items()) {
      response.addLockedSnapshots(
          SnapshotMessages.toProto(locked.snapshotId(), locked.lock(), now));
    }
    return response.build();
  }
}
