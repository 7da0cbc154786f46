package io.lockctl.loadtest;

import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The RPCs {@code bench} can drive, and the requests it sends for each. */
enum Workload {

  /**
   * Locks distinct snapshots, walking the seeded range and wrapping around. GOVERNANCE for one day,
   * because a governance lock may be replaced at any time: the same ids can be locked again by the
   * next run (or the next lap of this one) and still measure a successful lock, where COMPLIANCE
   * would be refused after its cool-off and would keep the snapshots undeletable for the whole
   * term.
   */
  LOCK_SNAPSHOT("LockSnapshot", true) {
    @Override
    CallSpec<?, ?> spec(BenchOptions o) {
      AtomicLong sequence = new AtomicLong();
      return new CallSpec<>(
          SnapshotLockServiceGrpc.getLockSnapshotMethod(),
          () ->
              LockSnapshotRequest.newBuilder()
                  .setRegionId(o.region())
                  .setSnapshotId(
                      SnapshotIds.format(
                          o.start() + Math.floorMod(sequence.getAndIncrement(), o.ids())))
                  .setLockMode(LockMode.LOCK_MODE_GOVERNANCE)
                  .setLockDurationDays(1)
                  .build());
    }
  },

  /** Reads snapshots picked uniformly from the seeded range. */
  GET_SNAPSHOT("GetSnapshot", true) {
    @Override
    CallSpec<?, ?> spec(BenchOptions o) {
      return new CallSpec<>(
          SnapshotServiceGrpc.getGetSnapshotMethod(),
          () ->
              GetSnapshotRequest.newBuilder()
                  .setRegionId(o.region())
                  .setSnapshotId(
                      SnapshotIds.format(o.start() + ThreadLocalRandom.current().nextLong(o.ids())))
                  .build());
    }
  },

  /** The region's first page of 50 locked snapshots. */
  DESCRIBE_LOCKED_SNAPSHOTS("DescribeLockedSnapshots", false) {
    @Override
    CallSpec<?, ?> spec(BenchOptions o) {
      DescribeLockedSnapshotsRequest request =
          DescribeLockedSnapshotsRequest.newBuilder()
              .setRegionId(o.region())
              .setPageSize(50)
              .build();
      return new CallSpec<>(
          SnapshotLockServiceGrpc.getDescribeLockedSnapshotsMethod(), () -> request);
    }
  },

  /**
   * etcd's Put of distinct keys ({@code lockctl-bench/} + the snapshot id the same call number
   * would lock), against an etcd server: the usual peer for durable gRPC writes.
   */
  ETCD_PUT("EtcdPut", true) {
    @Override
    CallSpec<?, ?> spec(BenchOptions o) {
      AtomicLong sequence = new AtomicLong();
      return new CallSpec<>(
          EtcdPut.METHOD,
          () ->
              EtcdPut.request(
                  "lockctl-bench/"
                      + SnapshotIds.format(
                          o.start() + Math.floorMod(sequence.getAndIncrement(), o.ids()))));
    }
  };

  /** lockctl's RPCs, which {@code compare} measures, in the order it does. */
  static final List<Workload> LOCKCTL =
      List.of(LOCK_SNAPSHOT, GET_SNAPSHOT, DESCRIBE_LOCKED_SNAPSHOTS);

  private final String rpcName;
  private final boolean needsIds;

  Workload(String rpcName, boolean needsIds) {
    this.rpcName = rpcName;
    this.needsIds = needsIds;
  }

  abstract CallSpec<?, ?> spec(BenchOptions options);

  String rpcName() {
    return rpcName;
  }

  boolean needsIds() {
    return needsIds;
  }

  static Workload named(String name) {
    for (Workload w : values()) {
      if (w.rpcName.equals(name)) {
        return w;
      }
    }
    throw new UsageException(
        "--rpc must be LockSnapshot, GetSnapshot, DescribeLockedSnapshots or EtcdPut, was '"
            + name
            + "'");
  }
}
