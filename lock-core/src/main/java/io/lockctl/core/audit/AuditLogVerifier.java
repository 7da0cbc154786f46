package io.lockctl.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * VerifyAudit's check of a whole stored log: recomputes every leaf and every perfect subtree from
 * the stored records, in index order, and compares them with the stored tree nodes and with the
 * roots of signed checkpoints. Feed it the records as a store reads them (ordered by index) with
 * {@link #check}, then ask {@link #result}; memory stays O(log n).
 *
 * <p>The first bad index, for each kind of damage:
 *
 * <ul>
 *   <li>a record edited in place: its index (its bytes no longer hash to its stored leaf);
 *   <li>a record deleted: its index, the first one missing; deleted at the end: the first index the
 *       stored tree (or a signed checkpoint) covers that has no record;
 *   <li>a record inserted: where it went in (a repeated index, or a leaf hash that differs from
 *       there on if the records after it were renumbered);
 *   <li>records reordered: the first position holding another index's record;
 *   <li>a record appended behind the log's back: its index, the stored tree's size;
 *   <li>a stored node edited or lost: the first leaf under it;
 *   <li>records and nodes rewritten together: the stored tree agrees, but not a signed checkpoint.
 *       The damage lies between the last checkpoint that still matches and the first that does not;
 *       the first bad index is the former's size (0 if none matches).
 * </ul>
 */
public final class AuditLogVerifier {
  private final long storedSize;
  private final NodeSource storedNodes;
  private final List<TreeHead> signedHeads;
  private int nextHead;
  private long lastMatchingHeadSize;
  private Frontier frontier = Frontier.empty();
  private AuditVerification.Broken broken;

  /**
   * @param storedSize the size of the stored tree: the number of records it says it has
   * @param storedNodes the stored tree's nodes
   * @param signedHeads the tree heads of checkpoints the log signed (their signatures already
   *     checked), in any order
   */
  public AuditLogVerifier(long storedSize, NodeSource storedNodes, List<TreeHead> signedHeads) {
    if (storedSize < 0) {
      throw new IllegalArgumentException("a tree size is not negative: " + storedSize);
    }
    this.storedSize = storedSize;
    this.storedNodes = storedNodes;
    List<TreeHead> heads = new ArrayList<>(signedHeads);
    heads.sort(Comparator.comparingLong(TreeHead::size));
    this.signedHeads = heads;
    compareHeadsAtCurrentSize(MerkleHash.empty());
  }

  /** Checks a whole log read from {@code records} (in the order the store reads them). */
  public static AuditVerification verify(
      Iterator<StoredRecord> records,
      long storedSize,
      NodeSource storedNodes,
      List<TreeHead> signedHeads) {
    AuditLogVerifier verifier = new AuditLogVerifier(storedSize, storedNodes, signedHeads);
    while (records.hasNext()) {
      if (!verifier.check(records.next())) {
        break;
      }
    }
    return verifier.result();
  }

  /** A stored record: the index the store keeps it under, and its canonical bytes. */
  public record StoredRecord(long index, byte[] canonicalBytes) {}

  /** Checks the next stored record; false once the log is found broken (stop reading then). */
  public boolean check(StoredRecord record) {
    return check(record.index(), record.canonicalBytes());
  }

  /** Checks the next stored record; false once the log is found broken (stop reading then). */
  public boolean check(long index, byte[] canonicalBytes) {
    if (broken != null) {
      return false;
    }
    long expected = frontier.size();
    if (index > expected) {
      return fail(
          expected,
          AuditDefect.MISSING_RECORD,
          "record " + expected + " is missing: the next stored record is " + index);
    }
    if (index < expected) {
      return fail(
          index,
          AuditDefect.DUPLICATE_RECORD,
          "record " + index + " is stored again after record " + (expected - 1));
    }
    if (index >= storedSize) {
      return fail(
          index,
          AuditDefect.EXTRA_RECORD,
          "record " + index + " is beyond the stored tree, which has " + storedSize + " records");
    }
    AuditEntry entry;
    try {
      entry = AuditRecordEncoding.decode(canonicalBytes);
    } catch (MalformedAuditRecordException e) {
      return fail(index, AuditDefect.MALFORMED_RECORD, "record " + index + ": " + e.getMessage());
    }
    if (entry.index() != index) {
      return fail(
          index,
          AuditDefect.MISPLACED_RECORD,
          "the record stored at index " + index + " is record " + entry.index());
    }
    Frontier.Appended appended = frontier.append(MerkleHash.leaf(canonicalBytes));
    Optional<AuditVerification.Broken> mismatch = compareWithStored(appended.completed());
    if (mismatch.isPresent()) {
      broken = mismatch.get();
      return false;
    }
    frontier = appended.frontier();
    return compareHeadsAtCurrentSize(appended.root());
  }

  /** The verdict on the records checked so far, taken as the whole log. */
  public AuditVerification result() {
    if (broken != null) {
      return broken;
    }
    long seen = frontier.size();
    if (seen < storedSize) {
      return new AuditVerification.Broken(
          seen,
          AuditDefect.MISSING_RECORDS,
          "the stored tree has " + storedSize + " records, but only " + seen + " are stored");
    }
    if (nextHead < signedHeads.size()) {
      long signed = signedHeads.get(signedHeads.size() - 1).size();
      return new AuditVerification.Broken(
          seen,
          AuditDefect.MISSING_RECORDS,
          "a signed checkpoint covers " + signed + " records, but only " + seen + " are stored");
    }
    return new AuditVerification.Intact(seen);
  }

  /**
   * Compares the nodes an append completed (the new leaf, then its ancestors) with the stored ones.
   * A leaf that differs or is missing is the record's fault (a store keeps a leaf's hash with its
   * record, so a record deleted and written again loses it), and its ancestors then differ because
   * of it. With the leaf right, every other difference is the stored node's own (its leaves all
   * matched): the earliest leaf under such a node is the first bad index.
   */
  private Optional<AuditVerification.Broken> compareWithStored(List<TreeNode> recomputed) {
    AuditVerification.Broken first = null;
    for (TreeNode node : recomputed) {
      NodeId id = node.id();
      Optional<byte[]> stored = storedNodes.find(id.level(), id.index());
      AuditVerification.Broken found = null;
      if (stored.isEmpty()) {
        found =
            new AuditVerification.Broken(
                id.firstLeaf(),
                AuditDefect.NODE_MISSING,
                "the stored tree has no node at level " + id.level() + ", index " + id.index());
      } else if (!MerkleHash.same(stored.get(), node.hash())) {
        found =
            id.level() == 0
                ? new AuditVerification.Broken(
                    id.index(),
                    AuditDefect.LEAF_MISMATCH,
                    "record " + id.index() + " does not hash to its stored leaf hash")
                : new AuditVerification.Broken(
                    id.firstLeaf(),
                    AuditDefect.NODE_MISMATCH,
                    "the stored node at level "
                        + id.level()
                        + ", index "
                        + id.index()
                        + " (records "
                        + id.firstLeaf()
                        + "-"
                        + (id.firstLeaf() + id.leafCount() - 1)
                        + ") is not the hash of its records");
      }
      if (found != null && id.level() == 0) {
        return Optional.of(found);
      }
      if (found != null && (first == null || found.firstBadIndex() < first.firstBadIndex())) {
        first = found;
      }
    }
    return Optional.ofNullable(first);
  }

  private boolean compareHeadsAtCurrentSize(byte[] root) {
    long size = frontier.size();
    while (nextHead < signedHeads.size() && signedHeads.get(nextHead).size() == size) {
      TreeHead head = signedHeads.get(nextHead++);
      if (!MerkleHash.same(head.rootHash(), root)) {
        return fail(
            lastMatchingHeadSize,
            AuditDefect.CHECKPOINT_MISMATCH,
            "the records give another root than the checkpoint signed at size "
                + size
                + "; the last checkpoint that matches covers "
                + lastMatchingHeadSize
                + " records");
      }
      lastMatchingHeadSize = size;
    }
    return true;
  }

  private boolean fail(long index, AuditDefect defect, String detail) {
    broken = new AuditVerification.Broken(index, defect, detail);
    return false;
  }
}
