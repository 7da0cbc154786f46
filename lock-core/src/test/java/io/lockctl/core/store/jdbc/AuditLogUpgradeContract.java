package io.lockctl.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditEntry;
import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.audit.AuditQuery;
import io.lockctl.core.audit.AuditRecordEncoding;
import io.lockctl.core.audit.AuditSigningKey;
import io.lockctl.core.audit.AuditVerification;
import io.lockctl.core.audit.Frontier;
import io.lockctl.core.audit.MerkleHash;
import io.lockctl.core.audit.MerkleProofs;
import io.lockctl.core.audit.MutationRecord;
import io.lockctl.core.audit.Rfc6962;
import io.lockctl.core.audit.Rfc9162;
import io.lockctl.core.audit.TreeNode;
import io.lockctl.core.auditlog.AuditLogService;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.operation.AccessControl;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.store.StoreFixture;
import io.lockctl.core.testing.AuditRecords;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store written by a release whose schema ended at V8, when each leaf hash had its own {@code
 * audit_node} row (with a {@code last_leaf} column) and the head row was written on every append:
 * after V10 its audit log gives the same root and proofs, checks intact, and takes new appends.
 */
abstract class AuditLogUpgradeContract {
  private static final Caller CALLER = new Caller("auditor");
  private static final int OLD_RECORDS = 21;
  private static final int NEW_RECORDS = 12;
  private static final List<String> PRINCIPALS = List.of("alice", "bob");

  private JdbcStore store;

  /** A fresh database, and Flyway's configuration for it (locations and, if any, schema). */
  abstract FluentConfiguration flyway();

  abstract Connection connectDirectly() throws SQLException;

  abstract JdbcStore openStore(ComplianceClock clock);

  abstract void drop() throws Exception;

  static FluentConfiguration flyway(DataSource dataSource, String location) {
    return Flyway.configure().dataSource(dataSource).locations(location).target("8");
  }

  @AfterEach
  void closeAndDrop() throws Exception {
    if (store != null) {
      store.close();
    }
    drop();
  }

  @Test
  void aLogWrittenBeforeV10ReadsProvesAndGrowsAfterIt() throws Exception {
    flyway().load().migrate();
    List<byte[]> records = new ArrayList<>();
    try (Connection connection = connectDirectly()) {
      writeTheV8Layout(connection, records);
    }

    store =
        openStore(
            new ComplianceClock(
                Clock.fixed(StoreFixture.START.plusSeconds(OLD_RECORDS), ZoneOffset.UTC)));

    byte[] root = Rfc6962.of(records).mth(0, OLD_RECORDS);
    assertEquals((long) OLD_RECORDS, (long) store.read(tx -> tx.auditLog().head().size()));
    assertArrayEquals(root, store.read(tx -> tx.auditLog().head().frontier().root()));
    assertArrayEquals(root, store.read(tx -> MerkleProofs.root(OLD_RECORDS, tx.auditLog())));
    for (long index = 0; index < OLD_RECORDS; index++) {
      long leaf = index;
      List<byte[]> path =
          store.read(tx -> MerkleProofs.inclusion(leaf, OLD_RECORDS, tx.auditLog()));
      assertTrue(
          Rfc9162.verifyInclusion(
              leaf, OLD_RECORDS, MerkleHash.leaf(records.get((int) leaf)), path, root),
          "inclusion of record " + leaf);
    }
    assertEquals(
        List.of(1L, 3L, 5L, 7L, 9L, 11L, 13L, 15L, 17L, 19L),
        store
            .read(tx -> tx.auditLog().list(new AuditQuery("", "bob", "", null, null, -1, 100)))
            .stream()
            .map(AuditEvent::index)
            .toList());

    OperationRunner operations = new OperationRunner(AccessControl.ALLOW_ALL, new AuditLog());
    AuditLogService audit =
        new AuditLogService(
            store, operations, AuditSigningKey.generate(), "test/audit", new Pages(new byte[32]));
    var earlier = audit.checkpoint(CALLER);
    assertEquals(new AuditVerification.Intact(OLD_RECORDS), audit.verify(CALLER));
    AuditLog appender = new AuditLog();
    for (int n = 0; n < NEW_RECORDS; n++) {
      MutationRecord mutation =
          AuditRecords.accepted(
              "carol", "lockctl:LockSnapshot", "lrn:lockctl:eu-west-1:snapshot/s-" + n);
      store
          .write(
              tx -> {
                appender.append(tx, mutation);
                return null;
              })
          .join();
    }
    long size = OLD_RECORDS + NEW_RECORDS;
    assertEquals(new AuditVerification.Intact(size), audit.verify(CALLER));
    AuditLogService.Proof consistency =
        audit.consistency(CALLER, earlier.checkpoint().treeSize(), size);
    assertTrue(
        Rfc9162.verifyConsistency(
            earlier.checkpoint().treeSize(),
            size,
            earlier.checkpoint().rootHash(),
            audit.checkpoint(CALLER).checkpoint().rootHash(),
            consistency.hashes()),
        "the grown log extends the one V10 found");
  }

  /** What a V8-era store wrote: records, every completed node with its last leaf, the head. */
  private static void writeTheV8Layout(Connection connection, List<byte[]> records)
      throws Exception {
    Frontier frontier = Frontier.empty();
    for (int index = 0; index < OLD_RECORDS; index++) {
      AuditEntry entry =
          new AuditEntry(
              index,
              StoreFixture.START.plusSeconds(index),
              PRINCIPALS.get(index % 2),
              "lockctl:LockSnapshot",
              "lrn:lockctl:eu-west-1:snapshot/s-" + index,
              new byte[32],
              AuditEntry.OUTCOME_OK,
              "");
      byte[] bytes = AuditRecordEncoding.encode(entry);
      records.add(bytes);
      execute(
          connection,
          "INSERT INTO audit_record (idx, record, time, principal, action, resource,"
              + " resource_kind, resource_state) VALUES (?, ?, ?, ?, ?, ?, '', ?)",
          (long) index,
          bytes,
          entry.time().toEpochMilli(),
          entry.principal(),
          entry.action(),
          entry.resource(),
          new byte[0]);
      Frontier.Appended appended = frontier.append(MerkleHash.leaf(bytes));
      for (TreeNode node : appended.completed()) {
        execute(
            connection,
            "INSERT INTO audit_node (level, position, last_leaf, hash) VALUES (?, ?, ?, ?)",
            node.level(),
            node.index(),
            ((node.index() + 1) << node.level()) - 1,
            node.hash());
      }
      frontier = appended.frontier();
    }
    ByteArrayOutputStream peaks = new ByteArrayOutputStream();
    for (TreeNode peak : frontier.peaks()) {
      peaks.write(peak.hash());
    }
    execute(
        connection,
        "UPDATE audit_head SET size = ?, frontier = ? WHERE id = 1",
        (long) OLD_RECORDS,
        peaks.toByteArray());
  }

  private static void execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }
}
