package io.lockctl.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditEntry;
import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditHead;
import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.audit.AuditQuery;
import io.lockctl.core.audit.Frontier;
import io.lockctl.core.audit.MalformedAuditRecordException;
import io.lockctl.core.audit.MerkleHash;
import io.lockctl.core.audit.MerkleProofs;
import io.lockctl.core.audit.MutationRecord;
import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.audit.Rfc6962;
import io.lockctl.core.audit.StoredCheckpoint;
import io.lockctl.core.audit.TreeNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log's storage through a whole store, appended by the real appender: records, the tree
 * nodes and head each append leaves, the filtered listing, and checkpoints. A subclass per store
 * runs it.
 */
public abstract class AuditLogRepositoryContract {
  private static final int RECORDS = 37;
  private static final List<String> PRINCIPALS = List.of("alice", "bob", "spiffe://ops/carol");
  private static final List<String> ACTIONS =
      List.of("lockctl:LockSnapshot", "lockctl:DeleteSnapshot", "lockctl:LockRule");
  private static final List<String> RESOURCES =
      List.of(
          "lrn:lockctl:eu-west-1:snapshot/s-1",
          "lrn:lockctl:eu-west-1:snapshot/s-10",
          "lrn:lockctl:us-east-1:rule/abcdefghijk");

  private final StoreFixture fixture = newFixture();
  private final AuditLog appender = new AuditLog();
  private final List<MutationRecord> appended = new ArrayList<>();

  /** A store on a fresh database of the kind under test. */
  protected abstract StoreFixture newFixture();

  @BeforeEach
  void appendRecords() {
    Random random = new Random(RECORDS);
    for (int n = 0; n < RECORDS; n++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      MutationRecord record =
          new MutationRecord(
              PRINCIPALS.get(random.nextInt(PRINCIPALS.size())),
              ACTIONS.get(random.nextInt(ACTIONS.size())),
              RESOURCES.get(random.nextInt(RESOURCES.size())),
              digest,
              n % 5 == 0 ? "SNAPSHOT_LOCKED" : "OK",
              n % 3 == 0 ? "token-" + n : "",
              n % 4 == 0
                  ? ResourceState.NONE
                  : new ResourceState("snapshot", new byte[] {(byte) n}));
      fixture.store().write(tx -> append(tx, record)).join();
      appended.add(record);
      fixture.system().advance(Duration.ofSeconds(random.nextInt(3)));
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  @Test
  void recordsAreNumberedInAppendOrderAndKeepWhatTheyWereTold() {
    List<AuditEvent> events = scanAll();

    assertEquals(RECORDS, events.size());
    for (int n = 0; n < RECORDS; n++) {
      AuditEvent event = events.get(n);
      MutationRecord record = appended.get(n);
      assertEquals(n, event.index());
      assertEquals(record.principal(), event.principal());
      assertEquals(record.action(), event.action());
      assertEquals(record.resource(), event.resource());
      assertEquals(record.after().kind(), event.after().kind());
      assertArrayEquals(record.after().state(), event.after().state());
      assertTrue(event.agreesWith(entry(event)), "columns and bytes agree at " + n);
      assertEquals(record.outcome(), entry(event).outcome());
      assertEquals(record.clientToken(), entry(event).clientToken());
    }
  }

  @Test
  void theHeadAndTheStoredNodesGiveTheRootOfTheRecords() {
    List<byte[]> leaves = scanAll().stream().map(AuditEvent::record).toList();
    byte[] reference = Rfc6962.of(leaves).mth(0, RECORDS);

    AuditHead head = fixture.store().read(tx -> tx.auditLog().head());
    assertEquals(RECORDS, head.size());
    assertArrayEquals(reference, head.frontier().root());
    byte[] fromNodes = fixture.store().read(tx -> MerkleProofs.root(RECORDS, tx.auditLog()));
    assertArrayEquals(reference, fromNodes);
  }

  @Test
  void nodesEndingInARangeAreExactlyThoseCompletedThere() {
    List<TreeNode> completed = new ArrayList<>();
    Frontier frontier = Frontier.empty();
    for (AuditEvent event : scanAll()) {
      Frontier.Appended next = frontier.append(MerkleHash.leaf(event.record()));
      completed.addAll(next.completed());
      frontier = next.frontier();
    }

    for (long[] range : new long[][] {{0, RECORDS}, {0, 1}, {5, 16}, {16, 17}, {30, 99}}) {
      List<String> expected =
          completed.stream()
              .filter(node -> lastLeaf(node) >= range[0] && lastLeaf(node) < range[1])
              .map(AuditLogRepositoryContract::describe)
              .sorted()
              .toList();
      List<String> stored =
          fixture.store().read(tx -> tx.auditLog().nodesEndingIn(range[0], range[1])).stream()
              .map(AuditLogRepositoryContract::describe)
              .sorted()
              .toList();
      assertEquals(expected, stored, "nodes ending in [" + range[0] + ", " + range[1] + ")");
    }
  }

  @Test
  void listingsFilterAsTheQueryDefinesAndPageInIndexOrder() {
    List<AuditEvent> all = scanAll();
    Instant middle = all.get(RECORDS / 2).time();
    List<AuditQuery> queries =
        List.of(
            new AuditQuery("", "", "", null, null, -1, 1000),
            new AuditQuery("lrn:lockctl:eu-west-1:snapshot/s-1", "", "", null, null, -1, 1000),
            new AuditQuery("", "bob", "", null, null, -1, 1000),
            new AuditQuery("", "", "lockctl:LockRule", null, null, -1, 1000),
            new AuditQuery("", "", "", middle, null, -1, 1000),
            new AuditQuery("", "", "", null, middle, -1, 1000),
            new AuditQuery("", "alice", "lockctl:LockSnapshot", null, null, 10, 1000),
            new AuditQuery("lrn:lockctl:", "", "", null, null, 3, 5),
            new AuditQuery("lrn:lockctl:eu-west-1:snapshot/s-1%", "", "", null, null, -1, 1000),
            new AuditQuery("", "nobody", "", null, null, -1, 1000));

    for (AuditQuery query : queries) {
      List<Long> expected =
          all.stream().filter(query::matches).limit(query.limit()).map(AuditEvent::index).toList();
      List<Long> listed =
          fixture.store().read(tx -> tx.auditLog().list(query)).stream()
              .map(AuditEvent::index)
              .toList();
      assertEquals(expected, listed, query.toString());
    }
  }

  @Test
  void checkpointsAreKeptOnePerSizeInSizeOrder() {
    StoredCheckpoint later = checkpoint(20);
    StoredCheckpoint earlier = checkpoint(8);
    fixture.store().write(tx -> save(tx, later)).join();
    fixture.store().write(tx -> save(tx, earlier)).join();

    List<StoredCheckpoint> kept = fixture.store().read(tx -> tx.auditLog().checkpoints());
    assertEquals(List.of(8L, 20L), kept.stream().map(StoredCheckpoint::size).toList());
    StoredCheckpoint found = fixture.store().read(tx -> tx.auditLog().checkpoint(20)).orElseThrow();
    assertEquals(later.note(), found.note());
    assertArrayEquals(later.rootHash(), found.rootHash());
    assertEquals(later.signedAt(), found.signedAt());
    assertTrue(fixture.store().read(tx -> tx.auditLog().checkpoint(9)).isEmpty());
  }

  @Test
  void aWriteThatFailsLeavesNoRecordBehind() {
    MutationRecord record = appended.get(1);

    CompletionException failure =
        assertThrows(CompletionException.class, () -> appendThenFail(record).join());

    assertEquals(IllegalStateException.class, failure.getCause().getClass());
    assertEquals(RECORDS, scanAll().size());
    assertEquals((long) RECORDS, (long) fixture.store().read(tx -> tx.auditLog().head().size()));
    fixture.store().write(tx -> append(tx, record)).join();
    assertEquals(RECORDS, scanAll().get(RECORDS).index());
  }

  /**
   * Writes queued together share a batch: the ones rolled back (failed, dry runs) among kept ones
   * leave no record and no gap, and the head the batch stores covers exactly the kept ones.
   */
  @Test
  void writesRolledBackAmongKeptOnesLeaveNoGapAndTheHeadCoversTheKeptOnes() {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      MutationRecord record = appended.get(n);
      writes.add(
          switch (n % 3) {
            case 0 -> fixture.store().write(tx -> append(tx, record));
            case 1 -> fixture.store().dryRun(tx -> append(tx, record));
            default -> appendThenFail(record);
          });
    }
    writes.forEach(write -> write.handle((result, failure) -> null).join());

    List<AuditEvent> events = scanAll();
    assertEquals(RECORDS + 4, events.size());
    for (int n = 0; n < events.size(); n++) {
      assertEquals(n, events.get(n).index());
    }
    for (int k = 0; k < 4; k++) {
      assertEquals(appended.get(3 * k).resource(), events.get(RECORDS + k).resource());
    }
    byte[] reference =
        Rfc6962.of(events.stream().map(AuditEvent::record).toList()).mth(0, RECORDS + 4);
    AuditHead head = fixture.store().read(tx -> tx.auditLog().head());
    assertEquals(RECORDS + 4, head.size());
    assertArrayEquals(reference, head.frontier().root());
    assertArrayEquals(
        reference, fixture.store().read(tx -> MerkleProofs.root(RECORDS + 4, tx.auditLog())));
  }

  /** A write that appends {@code record}, then fails: the store rolls both back. */
  private CompletableFuture<Void> appendThenFail(MutationRecord record) {
    return fixture
        .store()
        .write(
            tx -> {
              append(tx, record);
              throw new IllegalStateException("the change after its record fails");
            });
  }

  private Void append(StoreWrites tx, MutationRecord record) {
    appender.append(tx, record);
    return null;
  }

  private static Void save(StoreWrites tx, StoredCheckpoint checkpoint) {
    tx.auditLog().saveCheckpoint(checkpoint);
    return null;
  }

  private StoredCheckpoint checkpoint(long size) {
    byte[] root = fixture.store().read(tx -> MerkleProofs.root(size, tx.auditLog()));
    return new StoredCheckpoint(
        size, root, "test/audit\n" + size + "\n", StoreFixture.START.plusSeconds(size));
  }

  private List<AuditEvent> scanAll() {
    return fixture.store().read(tx -> tx.auditLog().scan(0, 10_000));
  }

  private static AuditEntry entry(AuditEvent event) {
    try {
      return event.entry();
    } catch (MalformedAuditRecordException e) {
      throw new AssertionError(e);
    }
  }

  private static long lastLeaf(TreeNode node) {
    return ((node.index() + 1) << node.level()) - 1;
  }

  private static String describe(TreeNode node) {
    return node.level() + "/" + node.index() + "/" + HexFormat.of().formatHex(node.hash());
  }
}
