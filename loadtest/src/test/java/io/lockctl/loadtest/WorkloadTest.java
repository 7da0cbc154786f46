package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  @Test
  void lockSnapshotWalksTheSeededRangeOneIdPerCallAndWraps() {
    CallSpec<?, ?> spec =
        Workload.LOCK_SNAPSHOT.spec(options("LockSnapshot", "--ids", "3", "--start", "10"));

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      LockSnapshotRequest request = (LockSnapshotRequest) spec.requests().get();
      assertEquals(LockMode.LOCK_MODE_GOVERNANCE, request.getLockMode());
      assertEquals(1, request.getLockDurationDays());
      assertEquals("r1", request.getRegionId());
      ids.add(request.getSnapshotId());
    }

    assertEquals(
        List.of(
            SnapshotIds.format(10),
            SnapshotIds.format(11),
            SnapshotIds.format(12),
            SnapshotIds.format(10)),
        ids);
    assertEquals("lockctl.v1.SnapshotLockService/LockSnapshot", spec.method().getFullMethodName());
  }

  @Test
  void getSnapshotStaysInTheSeededRange() {
    CallSpec<?, ?> spec =
        Workload.GET_SNAPSHOT.spec(options("GetSnapshot", "--ids", "5", "--start", "100"));

    for (int i = 0; i < 200; i++) {
      String id = ((GetSnapshotRequest) spec.requests().get()).getSnapshotId();
      assertTrue(
          id.compareTo(SnapshotIds.format(100)) >= 0 && id.compareTo(SnapshotIds.format(104)) <= 0,
          id);
    }
  }

  @Test
  void describeAsksForPagesOfFifty() {
    CallSpec<?, ?> spec =
        Workload.DESCRIBE_LOCKED_SNAPSHOTS.spec(options("DescribeLockedSnapshots"));

    DescribeLockedSnapshotsRequest request = (DescribeLockedSnapshotsRequest) spec.requests().get();
    assertEquals(50, request.getPageSize());
    assertEquals("r1", request.getRegionId());
  }

  @Test
  void etcdPutWritesDistinctKeysAsAPutRequest() throws Exception {
    CallSpec<?, ?> spec = Workload.ETCD_PUT.spec(options("EtcdPut", "--ids", "2"));

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CodedInputStream request = CodedInputStream.newInstance((byte[]) spec.requests().get());
      assertField(1, request.readTag());
      keys.add(request.readStringRequireUtf8());
      assertField(2, request.readTag());
      assertEquals(64, request.readBytes().size());
      assertTrue(request.isAtEnd());
    }

    assertEquals(
        List.of(
            "lockctl-bench/" + SnapshotIds.format(0),
            "lockctl-bench/" + SnapshotIds.format(1),
            "lockctl-bench/" + SnapshotIds.format(0)),
        keys);
    assertEquals("etcdserverpb.KV/Put", spec.method().getFullMethodName());
  }

  private static void assertField(int number, int tag) {
    assertEquals(number, WireFormat.getTagFieldNumber(tag));
    assertEquals(WireFormat.WIRETYPE_LENGTH_DELIMITED, WireFormat.getTagWireType(tag));
  }

  private static BenchOptions options(String rpc, String... more) {
    List<String> args = new ArrayList<>(List.of("--target", "h:1", "--rpc", rpc, "--region", "r1"));
    args.addAll(List.of(more));
    return BenchOptions.parse(args);
  }
}
