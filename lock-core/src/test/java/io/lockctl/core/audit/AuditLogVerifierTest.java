package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditLogVerifier.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VerifyAudit's check against every kind of tampering with a stored log: the records (edited,
 * deleted, inserted, reordered, appended), the stored tree, or both rewritten together.
 */
class AuditLogVerifierTest {
  private static final int N = 300;

  private TestSeed seed;
  private List<AuditEntry> entries;
  private List<StoredRecord> rows;
  private InMemoryNodes nodes;
  private List<TreeHead> heads;

  @BeforeEach
  void aLogOf300Records() {
    seed = TestSeed.next();
    entries = new ArrayList<>();
    RandomAuditEntries random = new RandomAuditEntries(seed.random);
    for (int i = 0; i < N; i++) {
      entries.add(random.next().withIndex(i));
    }
    rows = new ArrayList<>();
    entries.forEach(entry -> rows.add(row(entry)));
    nodes = new InMemoryNodes();
    heads = new ArrayList<>();
    Frontier frontier = Frontier.empty();
    for (StoredRecord row : rows) {
      Frontier.Appended appended = frontier.append(MerkleHash.leaf(row.canonicalBytes()));
      nodes.putAll(appended.completed());
      frontier = appended.frontier();
      if (frontier.size() % 64 == 0) {
        heads.add(new TreeHead(frontier.size(), appended.root()));
      }
    }
  }

  @Test
  void anUntouchedLogIsIntact() {
    assertEquals(new AuditVerification.Intact(N), verify());
    assertEquals(new AuditVerification.Intact(0), verifyEmptyLog());
  }

  @Test
  void aRecordEditedInPlaceFailsAtItsIndex() {
    for (int k : positions()) {
      aLogOf300Records();
      rows.set(k, row(edited(entries.get(k))));
      assertBroken(k, AuditDefect.LEAF_MISMATCH, "edited at " + k);
    }
  }

  @Test
  void aDeletedRecordFailsAtItsIndex() {
    for (int k : positions()) {
      aLogOf300Records();
      rows.remove(k);
      assertBroken(
          k, k == N - 1 ? AuditDefect.MISSING_RECORDS : AuditDefect.MISSING_RECORD, "at " + k);
    }
  }

  @Test
  void anInsertedRecordFailsWhereItWentIn() {
    for (int k : positions()) {
      // After the record it copies the index of: the index repeats.
      aLogOf300Records();
      rows.add(k + 1, row(edited(entries.get(k))));
      assertBroken(k, AuditDefect.DUPLICATE_RECORD, "after " + k);
      // Before it: the stored leaf no longer matches.
      aLogOf300Records();
      rows.add(k, row(edited(entries.get(k))));
      assertBroken(k, AuditDefect.LEAF_MISMATCH, "before " + k);
      // Renumbering every record after it: the leaves differ from there on.
      aLogOf300Records();
      List<StoredRecord> renumbered = new ArrayList<>(rows.subList(0, k));
      renumbered.add(row(edited(entries.get(k))));
      for (int i = k; i < N; i++) {
        renumbered.add(row(entries.get(i).withIndex(i + 1L)));
      }
      rows = renumbered;
      assertBroken(k, AuditDefect.LEAF_MISMATCH, "renumbered from " + k);
    }
  }

  @Test
  void reorderedRecordsFailAtTheFirstMovedOne() {
    for (int k : positions()) {
      int j = Math.min(N - 1, k + 1 + seed.random.nextInt(20));
      if (j == k) {
        continue;
      }
      // Rows moved as they are: a row holds another index's record.
      aLogOf300Records();
      StoredRecord first = rows.get(k);
      StoredRecord second = rows.get(j);
      rows.set(k, new StoredRecord(k, second.canonicalBytes()));
      rows.set(j, new StoredRecord(j, first.canonicalBytes()));
      assertBroken(k, AuditDefect.MISPLACED_RECORD, seed.say("swapped " + k + " and " + j));
      // Moved and renumbered to fit their new places: the leaves no longer match.
      aLogOf300Records();
      rows.set(k, row(entries.get(j).withIndex(k)));
      rows.set(j, row(entries.get(k).withIndex(j)));
      assertBroken(k, AuditDefect.LEAF_MISMATCH, seed.say("renumbered " + k + " and " + j));
    }
  }

  @Test
  void aRecordWrittenAgainWithoutItsLeafHashFailsAtItsIndex() {
    for (int k : positions()) {
      // A store keeps the leaf's hash in the record's row: deleting the row loses both.
      aLogOf300Records();
      rows.set(k, row(edited(entries.get(k))));
      nodes.remove(new NodeId(0, k));
      assertBroken(k, AuditDefect.NODE_MISSING, "written again at " + k);
    }
  }

  @Test
  void aRecordAppendedBehindTheLogsBackFailsAtItsIndex() {
    rows.add(row(edited(entries.get(N - 1)).withIndex(N)));
    assertBroken(N, AuditDefect.EXTRA_RECORD, "appended");
  }

  @Test
  void bytesThatAreNotARecordFailAtTheirIndex() {
    rows.set(17, new StoredRecord(17, new byte[] {0x12, 0x01}));
    assertBroken(17, AuditDefect.MALFORMED_RECORD, "malformed");
  }

  @Test
  void anEditedOrLostStoredNodeFailsAtTheFirstLeafUnderIt() {
    nodes.put(new TreeNode(3, 2, new byte[32]));
    assertBroken(16, AuditDefect.NODE_MISMATCH, "node (3, 2)");

    aLogOf300Records();
    nodes.put(new TreeNode(0, 40, new byte[32]));
    assertBroken(40, AuditDefect.LEAF_MISMATCH, "leaf 40");

    aLogOf300Records();
    nodes.remove(new NodeId(5, 3));
    assertBroken(96, AuditDefect.NODE_MISSING, "node (5, 3)");

    // Leaf 47 completes (1, 23), (2, 11), (3, 5) and (4, 2).
    aLogOf300Records();
    nodes.put(new TreeNode(2, 11, new byte[32]));
    assertBroken(44, AuditDefect.NODE_MISMATCH, "node (2, 11)");
    nodes.put(new TreeNode(4, 2, new byte[32]));
    assertBroken(32, AuditDefect.NODE_MISMATCH, "the earliest of two nodes completed together");
  }

  @Test
  void recordsAndTreeRewrittenTogetherFailAtTheLastCheckpointThatStillMatches() {
    int k = 150;
    rows.set(k, row(edited(entries.get(k))));
    InMemoryNodes rewritten = new InMemoryNodes();
    Frontier frontier = Frontier.empty();
    for (StoredRecord row : rows) {
      Frontier.Appended appended = frontier.append(MerkleHash.leaf(row.canonicalBytes()));
      rewritten.putAll(appended.completed());
      frontier = appended.frontier();
    }
    nodes = rewritten;
    // Without signed checkpoints the rewrite cannot be seen: that is what they are for.
    assertEquals(
        new AuditVerification.Intact(N),
        AuditLogVerifier.verify(rows.iterator(), N, nodes, List.of()));
    assertBroken(128, AuditDefect.CHECKPOINT_MISMATCH, "the checkpoint at 192 fails, 128 holds");
  }

  @Test
  void recordsDeletedAtTheEndFailAtTheFirstMissingIndex() {
    rows.subList(250, N).clear();
    assertBroken(250, AuditDefect.MISSING_RECORDS, "the stored tree has 300");
    // The tree's size cut back too: a signed checkpoint still covers 256 records.
    AuditVerification result = AuditLogVerifier.verify(rows.iterator(), 250, nodes, heads);
    assertBroken(250, AuditDefect.MISSING_RECORDS, result);
  }

  @Test
  void aCheckpointOfTheEmptyTreeMustHaveTheEmptyRoot() {
    heads.add(new TreeHead(0, new byte[32]));
    assertBroken(0, AuditDefect.CHECKPOINT_MISMATCH, "size 0");
  }

  @Test
  void checkingStopsAtTheFirstBrokenRecord() {
    AuditLogVerifier verifier = new AuditLogVerifier(N, nodes, heads);
    assertTrue(verifier.check(rows.get(0)));
    assertEquals(false, verifier.check(rows.get(2)));
    assertEquals(false, verifier.check(rows.get(1)));
    assertBroken(1, AuditDefect.MISSING_RECORD, verifier.result());
  }

  private AuditVerification verify() {
    return AuditLogVerifier.verify(rows.iterator(), N, nodes, heads);
  }

  private static AuditVerification verifyEmptyLog() {
    return AuditLogVerifier.verify(
        List.<StoredRecord>of().iterator(), 0, new InMemoryNodes(), List.of());
  }

  private void assertBroken(long index, AuditDefect defect, String what) {
    assertBroken(index, defect, verify(), what);
  }

  private void assertBroken(long index, AuditDefect defect, AuditVerification result) {
    assertBroken(index, defect, result, "");
  }

  private void assertBroken(long index, AuditDefect defect, AuditVerification result, String what) {
    assertTrue(result instanceof AuditVerification.Broken, seed.say(what + ": " + result));
    AuditVerification.Broken broken = (AuditVerification.Broken) result;
    assertEquals(defect, broken.defect(), seed.say(what + ": " + broken));
    assertEquals(index, broken.firstBadIndex(), seed.say(what + ": " + broken));
    assertTrue(!broken.detail().isEmpty());
  }

  /** Positions to tamper at: both ends, around subtree boundaries, and random ones. */
  private List<Integer> positions() {
    List<Integer> positions = new ArrayList<>(List.of(0, 1, 63, 64, 65, 127, 128, 255, 256, N - 1));
    for (int i = 0; i < 10; i++) {
      positions.add(seed.random.nextInt(N));
    }
    return positions;
  }

  private static AuditEntry edited(AuditEntry entry) {
    return new AuditEntry(
        entry.index(),
        entry.time(),
        entry.principal() + "!",
        entry.action(),
        entry.resource(),
        entry.requestSha256(),
        entry.outcome(),
        entry.clientToken());
  }

  private static StoredRecord row(AuditEntry entry) {
    return new StoredRecord(entry.index(), AuditRecordEncoding.encode(entry));
  }
}
