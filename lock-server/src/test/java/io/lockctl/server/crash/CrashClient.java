package io.lockctl.server.crash;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lockctl.server.testing.Requests;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One client: registers snapshots of its own (ids no other client uses) with varied fields, and
 * locks, extends and relocks them, some calls with client tokens, one call at a time. It records
 * every acknowledged answer; the call whose answer a kill took is left in doubt and ends its turn.
 */
final class CrashClient {
  /** The statuses a server killed mid-call gives; anything else is an answer to check. */
  private static final Set<Status.Code> CRASH_CODES =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.CANCELLED,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.UNKNOWN);

  private static final long DEADLINE_SECONDS = 10;

  private final int number;
  private final Random random;
  private final Acknowledgements acks;
  private final List<TrackedSnapshot> owned = new ArrayList<>();
  private int next;

  CrashClient(int number, long seed, Acknowledgements acks) {
    this.number = number;
    this.random = new Random(seed);
    this.acks = acks;
  }

  List<TrackedSnapshot> owned() {
    return owned;
  }

  /** Writes until {@code stop} says so or a call's answer is lost. */
  void writeUntil(Channel channel, BooleanSupplier stop) {
    while (!stop.getAsBoolean()) {
      List<TrackedSnapshot> lockable = owned.stream().filter(TrackedSnapshot::lockable).toList();
      boolean answered =
          (lockable.isEmpty() || random.nextInt(10) < 4)
              ? register(channel)
              : lock(channel, lockable.get(random.nextInt(lockable.size())));
      if (!answered) {
        return;
      }
    }
  }

  /**
   * Registers a new snapshot and locks it; the lock's answer, or null if a call was not answered.
   */
  LockedSnapshotInfo registerAndLock(Channel channel) {
    if (!register(channel)) {
      return null;
    }
    TrackedSnapshot snapshot = owned.get(owned.size() - 1);
    return lock(channel, snapshot) ? snapshot.lock() : null;
  }

  private boolean register(Channel channel) {
    TrackedSnapshot snapshot =
        new TrackedSnapshot("s-" + String.format("%02d%018d", number, next++));
    owned.add(snapshot);
    RegisterSnapshotRequest.Builder request =
        Requests.register(snapshot.id)
            // a day back: never in the future, and every field is the client's, so a restart can
            // check all of them
            .setCreateTime(timestamp(Instant.now().minusSeconds(86_400 + random.nextInt(86_400))))
            .setRetentionDays(random.nextBoolean() ? 0 : 3650);
    for (int t = random.nextInt(6); t > 0; t--) {
      request.putTags("k" + t + "-" + random.nextInt(1000), "v".repeat(random.nextInt(40)));
    }
    if (random.nextInt(10) < 3) {
      request.setClientToken("reg-" + snapshot.id);
    }
    RegisterSnapshotRequest sent = request.build();
    RegisterSnapshotResponse response;
    try {
      response =
          SnapshotServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
              .registerSnapshot(sent);
    } catch (StatusRuntimeException e) {
      return failed(snapshot, sent, e);
    }
    if (!response.getSnapshot().equals(TrackedSnapshot.expected(sent))) {
      acks.unexpected("register " + sent + " answered " + response);
    }
    snapshot.acknowledgedRegister(response.getSnapshot());
    if (!sent.getClientToken().isEmpty()) {
      acks.tokenCall(
          new AckedTokenCall<>(SnapshotServiceGrpc.getRegisterSnapshotMethod(), sent, response));
    }
    return true;
  }

  private boolean lock(Channel channel, TrackedSnapshot snapshot) {
    LockSnapshotRequest sent = nextLock(snapshot.id, snapshot.lock());
    LockSnapshotResponse response;
    try {
      response =
          SnapshotLockServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
              .lockSnapshot(sent);
    } catch (StatusRuntimeException e) {
      return failed(snapshot, sent, e);
    }
    LockedSnapshotInfo info = response.getLockedSnapshotInfo();
    if (!TrackedSnapshot.fulfils(info, sent)) {
      acks.unexpected("lock " + sent + " answered " + response);
    }
    snapshot.acknowledgedLock(info);
    acks.lockCreated(TrackedSnapshot.millis(info.getLockCreationTime()));
    if (!sent.getClientToken().isEmpty()) {
      acks.tokenCall(
          new AckedTokenCall<>(SnapshotLockServiceGrpc.getLockSnapshotMethod(), sent, response));
    }
    return true;
  }

  /**
   * A lock the current one allows: a first lock; a governance lock extended or turned into
   * compliance; a compliance lock still in its cool-off extended (which resets it). Every step only
   * lengthens the term, and cool-offs of at least an hour keep compliance locks changeable for the
   * whole test.
   */
  private LockSnapshotRequest nextLock(String id, LockedSnapshotInfo current) {
    int days = (current == null ? 0 : current.getLockDurationDays()) + 1 + random.nextInt(5);
    boolean compliance =
        (current != null && current.getLockStatus() == LockStatus.LOCK_STATUS_COMPLIANCE_COOLOFF)
            || random.nextBoolean();
    LockSnapshotRequest.Builder request =
        compliance
            ? Requests.compliance(id, days, 1 + random.nextInt(23))
            : Requests.lock(id, LockMode.LOCK_MODE_GOVERNANCE, days);
    if (random.nextInt(10) < 3) {
      request.setClientToken("lock-" + id + "-" + days);
    }
    return request.build();
  }

  private boolean failed(
      TrackedSnapshot snapshot, com.google.protobuf.Message sent, StatusRuntimeException e) {
    if (!CRASH_CODES.contains(e.getStatus().getCode())) {
      acks.unexpected(sent + " failed with " + e.getStatus());
    }
    snapshot.inDoubt(sent);
    return false;
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano() / 1_000_000 * 1_000_000)
        .build();
  }
}
