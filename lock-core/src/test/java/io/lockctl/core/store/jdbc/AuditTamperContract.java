package io.lockctl.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditDefect;
import io.lockctl.core.audit.AuditEntry;
import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.audit.AuditRecordEncoding;
import io.lockctl.core.audit.AuditSigningKey;
import io.lockctl.core.audit.AuditVerification;
import io.lockctl.core.audit.Frontier;
import io.lockctl.core.audit.MerkleHash;
import io.lockctl.core.audit.Rfc6962;
import io.lockctl.core.audit.Rfc9162;
import io.lockctl.core.audit.SignedCheckpoint;
import io.lockctl.core.audit.TreeNode;
import io.lockctl.core.auditlog.AuditLogService;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.operation.AccessControl;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.SnapshotCatalog;
import io.lockctl.core.snapshot.SnapshotService;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.store.StoreFixture;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An audit log whose rows are changed behind the server's back, directly in the database: an edit,
 * a deletion, an insertion, a swap, and a rewrite of records and tree together. VerifyAudit names
 * the first record that is wrong; the records no longer prove the checkpoints signed before the
 * change (checked with a verifier written from RFC 6962 and 9162, not with the code under test).
 */
abstract class AuditTamperContract {
  private static final Caller CALLER = new Caller("writer");
  private static final int RECORDS = 16;
  private static final int EARLIER = 8;
  private static final long TAMPERED = 5;

  private JdbcFixture fixture;
  private AuditLogService audit;
  private SignedCheckpoint earlier;
  private SignedCheckpoint later;

  abstract JdbcFixture newFixture();

  @BeforeEach
  void writeALog() {
    fixture = newFixture();
    OperationRunner operations = new OperationRunner(AccessControl.ALLOW_ALL, new AuditLog());
    SnapshotService snapshots =
        new SnapshotService(
            fixture.store(),
            operations,
            new SnapshotCatalog(new RandomIds(), new Pages(new byte[32])));
    audit =
        new AuditLogService(
            fixture.store(),
            operations,
            AuditSigningKey.generate(),
            "test/audit",
            new Pages(new byte[32]));
    for (int n = 1; n <= RECORDS; n++) {
      snapshots
          .register(
              new Mutation(CALLER, "", false, new byte[32]),
              new RegisterSnapshotCommand(
                  StoreFixture.REGION,
                  StoreFixture.id(n),
                  SnapshotStatus.ACCOMPLISHED,
                  0,
                  false,
                  "",
                  Map.of(),
                  null))
          .join();
      if (n == EARLIER) {
        earlier = audit.checkpoint(CALLER);
      }
    }
    later = audit.checkpoint(CALLER);
    assertEquals(new AuditVerification.Intact(RECORDS), audit.verify(CALLER));
  }

  @AfterEach
  void dropTheLog() throws Exception {
    fixture.close();
  }

  @Test
  void anEditedRecordIsTheFirstBadIndexAndNoLongerProvesTheCheckpoints() throws Exception {
    sql(
        "UPDATE audit_record SET record = ?, principal = 'mallory' WHERE idx = ?",
        forgedBy("mallory", records().get((int) TAMPERED)),
        TAMPERED);

    assertBroken(TAMPERED, AuditDefect.LEAF_MISMATCH);
    assertRecordsNoLongerProve(earlier);
    assertRecordsNoLongerProve(later);
    AuditLogService.Proof inclusion = audit.inclusion(CALLER, TAMPERED, RECORDS);
    assertFalse(
        Rfc9162.verifyInclusion(
            TAMPERED,
            RECORDS,
            Rfc6962.sha256(new byte[] {0}, records().get((int) TAMPERED)),
            inclusion.hashes(),
            later.checkpoint().rootHash()),
        "the tree's proof does not include the edited record");
  }

  @Test
  void aDeletedRecordIsTheFirstBadIndex() throws Exception {
    sql("DELETE FROM audit_record WHERE idx = ?", TAMPERED);

    assertBroken(TAMPERED, AuditDefect.MISSING_RECORD);
    assertRecordsNoLongerProve(earlier);
  }

  @Test
  void anInsertedRecordIsTheFirstBadIndex() throws Exception {
    List<byte[]> stored = records();
    sql("DELETE FROM audit_record WHERE idx >= ?", TAMPERED);
    insert(TAMPERED, forgedBy("mallory", stored.get((int) TAMPERED)));
    for (long index = TAMPERED; index < RECORDS; index++) {
      insert(index + 1, stored.get((int) index));
    }

    AuditVerification broken = audit.verify(CALLER);
    assertEquals(TAMPERED, firstBad(broken), broken::toString);
    assertRecordsNoLongerProve(later);
  }

  @Test
  void swappedRecordsAreFoundAtTheFirstOfThem() throws Exception {
    List<byte[]> stored = records();
    sql(
        "UPDATE audit_record SET record = ? WHERE idx = ?",
        stored.get((int) TAMPERED + 1),
        TAMPERED);
    sql(
        "UPDATE audit_record SET record = ? WHERE idx = ?",
        stored.get((int) TAMPERED),
        TAMPERED + 1);

    assertBroken(TAMPERED, AuditDefect.MISPLACED_RECORD);
    assertRecordsNoLongerProve(earlier);
  }

  @Test
  void recordsAndTreeRewrittenTogetherFailEveryEarlierCheckpointsConsistencyProof()
      throws Exception {
    List<byte[]> stored = new ArrayList<>(records());
    stored.set((int) TAMPERED, forgedBy("mallory", stored.get((int) TAMPERED)));
    rewriteEverything(stored);

    AuditVerification broken = audit.verify(CALLER);
    assertEquals(
        AuditDefect.CHECKPOINT_MISMATCH,
        assertInstanceOf(AuditVerification.Broken.class, broken).defect());
    assertTrue(firstBad(broken) <= TAMPERED, broken::toString);
    AuditLogService.Proof consistency = audit.consistency(CALLER, EARLIER, RECORDS);
    byte[] rewrittenRoot = Rfc6962.of(stored).mth(0, RECORDS);
    assertFalse(
        Rfc9162.verifyConsistency(
            EARLIER, RECORDS, earlier.checkpoint().rootHash(), rewrittenRoot, consistency.hashes()),
        "the rewritten log is not an extension of the checkpoint signed at size " + EARLIER);
  }

  private void assertBroken(long index, AuditDefect defect) {
    AuditVerification verification = audit.verify(CALLER);
    AuditVerification.Broken broken =
        assertInstanceOf(AuditVerification.Broken.class, verification);
    assertEquals(index, broken.firstBadIndex(), broken::toString);
    assertEquals(defect, broken.defect(), broken::toString);
  }

  /**
   * What a client holding {@code checkpoint} checks when it reads the records: their tree's root at
   * the checkpoint's size, computed with the reference, is the signed one.
   */
  private void assertRecordsNoLongerProve(SignedCheckpoint checkpoint) throws Exception {
    List<byte[]> stored = records();
    long size = checkpoint.checkpoint().treeSize();
    boolean proves =
        stored.size() >= size
            && MerkleHash.same(Rfc6962.of(stored).mth(0, size), checkpoint.checkpoint().rootHash());
    assertFalse(proves, "the stored records still prove the checkpoint of size " + size);
  }

  /** The same record, as if {@code principal} had made the call. */
  private static byte[] forgedBy(String principal, byte[] record) throws Exception {
    AuditEntry entry = AuditRecordEncoding.decode(record);
    return AuditRecordEncoding.encode(
        new AuditEntry(
            entry.index(),
            entry.time(),
            principal,
            entry.action(),
            entry.resource(),
            entry.requestSha256(),
            entry.outcome(),
            entry.clientToken()));
  }

  private static long firstBad(AuditVerification verification) {
    return assertInstanceOf(AuditVerification.Broken.class, verification).firstBadIndex();
  }

  /** The stored records' bytes, in index order. */
  private List<byte[]> records() throws SQLException {
    List<byte[]> records = new ArrayList<>();
    try (Connection connection = fixture.connectDirectly();
        Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT record FROM audit_record ORDER BY idx")) {
      while (rows.next()) {
        records.add(rows.getBytes(1));
      }
    }
    return records;
  }

  private void insert(long index, byte[] record) throws Exception {
    AuditEntry entry = AuditRecordEncoding.decode(record);
    sql(
        "INSERT INTO audit_record (idx, record, time, principal, action, resource, resource_kind,"
            + " resource_state) VALUES (?, ?, ?, ?, ?, ?, '', ?)",
        index,
        record,
        entry.time().toEpochMilli(),
        entry.principal(),
        entry.action(),
        entry.resource(),
        new byte[0]);
  }

  /** Records, tree and head rewritten as a careful forger would, consistently with each other. */
  private void rewriteEverything(List<byte[]> stored) throws Exception {
    sql("DELETE FROM audit_node");
    Frontier frontier = Frontier.empty();
    for (int index = 0; index < stored.size(); index++) {
      AuditEntry entry = AuditRecordEncoding.decode(stored.get(index));
      Frontier.Appended appended = frontier.append(MerkleHash.leaf(stored.get(index)));
      List<TreeNode> completed = appended.completed();
      sql(
          "UPDATE audit_record SET record = ?, principal = ?, leaf_hash = ? WHERE idx = ?",
          stored.get(index),
          entry.principal(),
          completed.get(0).hash(),
          (long) index);
      for (TreeNode node : completed.subList(1, completed.size())) {
        sql(
            "INSERT INTO audit_node (level, position, hash) VALUES (?, ?, ?)",
            node.level(),
            node.index(),
            node.hash());
      }
      frontier = appended.frontier();
    }
    ByteArrayOutputStream peaks = new ByteArrayOutputStream();
    for (TreeNode peak : frontier.peaks()) {
      peaks.write(peak.hash());
    }
    sql("UPDATE audit_head SET frontier = ? WHERE id = 1", peaks.toByteArray());
  }

  private void sql(String statement, Object... parameters) throws SQLException {
    try (Connection connection = fixture.connectDirectly();
        PreparedStatement prepared = connection.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        prepared.setObject(i + 1, parameters[i]);
      }
      prepared.executeUpdate();
    }
  }
}
