package io.lockctl.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.lockctl.server.testing.Requests;
import io.lockctl.v1.RegisterSnapshotRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fuzz oracle finds what it is meant to find, on made-up answers and on a real store. */
class OracleTest {
  private static final StoreDigest.State EMPTY =
      new StoreDigest.State(Map.of("snapshot", new StoreDigest.Table(0, 0)), 5);

  private static FuzzedServer server;

  @BeforeAll
  static void start() throws Exception {
    server = FuzzedServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Metadata errorInfo(Status.Code code) {
    Metadata trailers = new Metadata();
    trailers.put(
        Oracle.DETAILS,
        com.google.rpc.Status.newBuilder()
            .setCode(code.value())
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setReason("SNAPSHOT_NOT_FOUND")
                        .setDomain("lockctl.v1")
                        .build()))
            .build()
            .toByteArray());
    return trailers;
  }

  private static StoreDigest.State withAudit(StoreDigest.State state, long records) {
    return new StoreDigest.State(state.tables(), records);
  }

  @Test
  void aRefusalWithErrorInfoThatChangesNothingPasses() {
    Status notFound = Status.NOT_FOUND.withDescription("no such snapshot");
    assertEquals(
        List.of(),
        Oracle.judge(notFound, errorInfo(Status.Code.NOT_FOUND), EMPTY, withAudit(EMPTY, 6)));
    assertEquals(List.of(), Oracle.judge(Status.OK, new Metadata(), EMPTY, withAudit(EMPTY, 9)));
  }

  @Test
  void unknownInternalAndRefusalsWithoutErrorInfoAreFindings() {
    assertEquals(
        1, Oracle.judge(Status.INTERNAL, errorInfo(Status.Code.INTERNAL), EMPTY, EMPTY).size());
    assertEquals(
        1, Oracle.judge(Status.UNKNOWN, errorInfo(Status.Code.UNKNOWN), EMPTY, EMPTY).size());
    List<String> bare = Oracle.judge(Status.INVALID_ARGUMENT, new Metadata(), EMPTY, EMPTY);
    assertTrue(bare.get(0).contains("without grpc-status-details-bin"), bare::toString);
    List<String> mismatch =
        Oracle.judge(Status.INVALID_ARGUMENT, errorInfo(Status.Code.NOT_FOUND), EMPTY, EMPTY);
    assertTrue(mismatch.get(0).contains("another code"), mismatch::toString);
  }

  @Test
  void aRefusalMayAppendOneAuditRecordAtMost() {
    List<String> problems =
        Oracle.judge(
            Status.FAILED_PRECONDITION,
            errorInfo(Status.Code.FAILED_PRECONDITION),
            EMPTY,
            withAudit(EMPTY, 7));
    assertEquals(List.of("a refusal appended 2 audit records"), problems);
    assertEquals(1, Oracle.judge(Status.OK, new Metadata(), EMPTY, withAudit(EMPTY, 4)).size());
  }

  @Test
  void theDigestSeesAnAcceptedWriteOfTheRealServer() throws Exception {
    StoreDigest.State before = server.digest().capture();
    byte[] request = Requests.register(Requests.snapshotId(123_456)).build().toByteArray();
    FuzzedServer.Outcome outcome = server.call(FuzzRpcs.byName("RegisterSnapshot"), request);
    assertEquals(Status.Code.OK, outcome.status().getCode());
    StoreDigest.State after = server.digest().capture();
    List<String> changed = before.changedTables(after);
    assertEquals(1, changed.size(), changed::toString);
    assertTrue(changed.get(0).startsWith("snapshot ("), changed::toString);
    // had it been refused, that would be a partial write
    List<String> problems =
        Oracle.judge(
            Status.FAILED_PRECONDITION, errorInfo(Status.Code.FAILED_PRECONDITION), before, after);
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("partial write"), problems::toString);
  }

  @Test
  void theDigestSeesEveryDomainTableButNoBookkeeping() throws Exception {
    Path database = server.dataDir().resolve("lockctl.db");
    StoreDigest.State before = server.digest().capture();
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = writer.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 10000");
      statement.execute(
          "INSERT INTO server_secret (name, secret) VALUES ('oracle-test', zeroblob(32))");
      statement.execute("INSERT INTO idempotency_record VALUES ('c', 'op', 't', x'00', x'00', 0)");
      assertEquals(List.of(), before.changedTables(server.digest().capture()));
      statement.execute(
          "UPDATE snapshot SET retention_days = retention_days + 1 WHERE snapshot_id = '"
              + server.fixtures().activeSnapshot()
              + "'");
      StoreDigest.State after = server.digest().capture();
      List<String> changed = before.changedTables(after);
      assertEquals(1, changed.size(), changed::toString);
      assertTrue(changed.get(0).startsWith("snapshot ("), changed::toString);
      statement.execute("INSERT INTO retention_rule_label VALUES ('r', 'i', 'k', 'v')");
      assertTrue(
          before.changedTables(server.digest().capture()).stream()
              .anyMatch(table -> table.startsWith("retention_rule_label")));
      statement.execute("DELETE FROM retention_rule_label WHERE region_id = 'r'");
      statement.execute(
          "UPDATE snapshot SET retention_days = retention_days - 1 WHERE snapshot_id = '"
              + server.fixtures().activeSnapshot()
              + "'");
    }
    assertEquals(List.of(), before.changedTables(server.digest().capture()));
  }

  @Test
  void aCleanRefusalOfTheRealServerPassesTheHarness() {
    RegisterSnapshotRequest invalid =
        RegisterSnapshotRequest.newBuilder().setRegionId("no such region!").build();
    byte[] input = new byte[2 + invalid.getSerializedSize()];
    input[0] =
        (byte)
            FuzzRpcs.of("lockctl.v1.SnapshotService").indexOf(FuzzRpcs.byName("RegisterSnapshot"));
    System.arraycopy(invalid.toByteArray(), 0, input, 2, invalid.getSerializedSize());
    assertDoesNotThrow(() -> server.exercise("lockctl.v1.SnapshotService", input));
  }
}
