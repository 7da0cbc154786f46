package io.lockctl.core.auditlog;

import io.lockctl.core.audit.AuditDefect;
import io.lockctl.core.audit.AuditEntry;
import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditHead;
import io.lockctl.core.audit.AuditLogReader;
import io.lockctl.core.audit.AuditLogVerifier;
import io.lockctl.core.audit.AuditPublicKey;
import io.lockctl.core.audit.AuditReads;
import io.lockctl.core.audit.AuditSigningKey;
import io.lockctl.core.audit.AuditVerification;
import io.lockctl.core.audit.AuditWrites;
import io.lockctl.core.audit.Checkpoint;
import io.lockctl.core.audit.CheckpointException;
import io.lockctl.core.audit.InMemoryNodes;
import io.lockctl.core.audit.MalformedAuditRecordException;
import io.lockctl.core.audit.MerkleHash;
import io.lockctl.core.audit.MerkleProofs;
import io.lockctl.core.audit.SignedCheckpoint;
import io.lockctl.core.audit.StoredCheckpoint;
import io.lockctl.core.audit.TreeHead;
import io.lockctl.core.auth.Lrn;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.transaction.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log's application service: its records, signed checkpoints, RFC 6962 proofs and a check
 * of the whole stored log. Every call is a read authorised on {@code lrn:lockctl::audit}; signing a
 * checkpoint also keeps it, so that a later check can compare the log with it.
 */
public final class AuditLogService {
  static final Action LIST_AUDIT_EVENTS = new Action("ListAuditEvents");
  static final Action GET_AUDIT_CHECKPOINT = new Action("GetAuditCheckpoint");
  static final Action GET_AUDIT_INCLUSION_PROOF = new Action("GetAuditInclusionProof");
  static final Action GET_AUDIT_CONSISTENCY_PROOF = new Action("GetAuditConsistencyProof");
  static final Action VERIFY_AUDIT = new Action("VerifyAudit");
  static final Action GET_AUDIT_PUBLIC_KEY = new Action("GetAuditPublicKey");

  /** Records read per query while checking the whole log. */
  private static final int VERIFY_PAGE = 1000;

  private final Transactions<? extends AuditReads, ? extends AuditWrites> store;
  private final OperationRunner operations;
  private final AuditSigningKey key;
  private final String origin;
  private final Pages pages;

  /**
   * @param origin the checkpoints' origin line, the log's name (and the signature's key name)
   * @param pages makes and checks ListAuditEvents' page tokens
   */
  public AuditLogService(
      Transactions<? extends AuditReads, ? extends AuditWrites> store,
      OperationRunner operations,
      AuditSigningKey key,
      String origin,
      Pages pages) {
    this.store = store;
    this.operations = operations;
    this.key = key;
    this.origin = origin;
    this.pages = pages;
  }

  public String origin() {
    return origin;
  }

  public AuditPublicKey publicKey(Caller caller) {
    return operations.read(
        store,
        caller,
        GET_AUDIT_PUBLIC_KEY,
        (tx, guard) -> {
          guard.authorize(Lrn.AUDIT);
          return key.publicKey();
        });
  }

  /** One page of records passing the filters, in ascending index order. */
  public Page<AuditEntry> list(Caller caller, AuditListQuery query) {
    return operations.read(
        store,
        caller,
        LIST_AUDIT_EVENTS,
        (tx, guard) -> {
          guard.authorize(Lrn.AUDIT);
          int size = PageRequest.effectiveSize(query.pageSize());
          String canonical = query.canonical();
          String after = pages.after(canonical, query.pageToken());
          long afterIndex = after == null ? -1 : position(after);
          List<AuditEntry> entries = new ArrayList<>();
          for (AuditEvent event : tx.auditLog().list(query.filters(afterIndex, size + 1))) {
            entries.add(decode(event));
          }
          return pages.of(canonical, entries, size, entry -> Long.toString(entry.index()));
        });
  }

  /** A checkpoint of the log as it is now, signed and kept. */
  public SignedCheckpoint checkpoint(Caller caller) {
    AuditHead head =
        operations.read(
            store,
            caller,
            GET_AUDIT_CHECKPOINT,
            (tx, guard) -> {
              guard.authorize(Lrn.AUDIT);
              return tx.auditLog().head();
            });
    SignedCheckpoint signed =
        SignedCheckpoint.sign(new Checkpoint(origin, head.size(), head.frontier().root()), key);
    var unused =
        store
            .write(
                tx -> {
                  tx.auditLog()
                      .saveCheckpoint(
                          new StoredCheckpoint(
                              head.size(),
                              signed.checkpoint().rootHash(),
                              signed.signedNote(),
                              tx.now()));
                  return null;
                })
            .join();
    return signed;
  }

  /**
   * The RFC 6962 inclusion proof of record {@code index} in the tree of {@code treeSize} records
   * (0: the current size).
   */
  public Proof inclusion(Caller caller, long index, long treeSize) {
    return operations.read(
        store,
        caller,
        GET_AUDIT_INCLUSION_PROOF,
        (tx, guard) -> {
          guard.authorize(Lrn.AUDIT);
          long size = size(tx, treeSize, "tree_size");
          if (index < 0 || index >= size) {
            throw invalid("index", "must be less than the tree size " + size);
          }
          return new Proof(size, MerkleProofs.inclusion(index, size, tx.auditLog()));
        });
  }

  /**
   * The RFC 6962 consistency proof between the trees of {@code first} and {@code second} records
   * ({@code second} 0: the current size).
   */
  public Proof consistency(Caller caller, long first, long second) {
    return operations.read(
        store,
        caller,
        GET_AUDIT_CONSISTENCY_PROOF,
        (tx, guard) -> {
          guard.authorize(Lrn.AUDIT);
          long size = size(tx, second, "second_tree_size");
          if (first < 0 || first > size) {
            throw invalid("first_tree_size", "must be at most the second tree size " + size);
          }
          return new Proof(size, MerkleProofs.consistency(first, size, tx.auditLog()));
        });
  }

  /**
   * Checks the whole stored log: every record against its index and the tree, the filter columns
   * against the hashed bytes, and the tree against every checkpoint the log signed.
   */
  public AuditVerification verify(Caller caller) {
    return operations.read(
        store,
        caller,
        VERIFY_AUDIT,
        (tx, guard) -> {
          guard.authorize(Lrn.AUDIT);
          return check(tx.auditLog());
        });
  }

  private AuditVerification check(AuditLogReader log) {
    long storedSize = log.head().size();
    List<TreeHead> heads = new ArrayList<>();
    for (StoredCheckpoint stored : log.checkpoints()) {
      if (!signedByThisLog(stored)) {
        return new AuditVerification.Broken(
            Math.min(stored.size(), storedSize),
            AuditDefect.CHECKPOINT_MISMATCH,
            "the checkpoint kept for tree size " + stored.size() + " is not signed by this log");
      }
      heads.add(stored.head());
    }
    InMemoryNodes page = new InMemoryNodes();
    AuditLogVerifier verifier = new AuditLogVerifier(storedSize, page, heads);
    long next = 0;
    while (true) {
      List<AuditEvent> events = log.scan(next, VERIFY_PAGE);
      if (events.isEmpty()) {
        return verifier.result();
      }
      long last = events.get(events.size() - 1).index();
      page.putAll(log.nodesEndingIn(next, Math.max(next, last) + 1));
      for (AuditEvent event : events) {
        if (!verifier.check(event.index(), event.record())) {
          return verifier.result();
        }
        Optional<AuditVerification.Broken> disagreement = columnsDisagree(event);
        if (disagreement.isPresent()) {
          return disagreement.get();
        }
      }
      next = last + 1;
    }
  }

  private boolean signedByThisLog(StoredCheckpoint stored) {
    try {
      Checkpoint checkpoint = SignedCheckpoint.open(stored.note(), origin, key.publicKey());
      return checkpoint.treeSize() == stored.size()
          && MerkleHash.same(checkpoint.rootHash(), stored.rootHash());
    } catch (CheckpointException notSigned) {
      return false;
    }
  }

  /** A record whose filter columns say something its hashed bytes do not. */
  private static Optional<AuditVerification.Broken> columnsDisagree(AuditEvent event) {
    try {
      if (event.agreesWith(event.entry())) {
        return Optional.empty();
      }
    } catch (MalformedAuditRecordException malformed) {
      // the verifier has already reported a malformed record
    }
    return Optional.of(
        new AuditVerification.Broken(
            event.index(),
            AuditDefect.LEAF_MISMATCH,
            "the columns of record " + event.index() + " differ from its hashed bytes"));
  }

  /** The index a page token carries; tokens are bound to their query, so it is well formed. */
  private static long position(String after) {
    try {
      return Long.parseLong(after);
    } catch (NumberFormatException notAnIndex) {
      throw Rejection.invalidField(
              Reason.INVALID_PAGE_TOKEN, "page_token", "was not issued by lockctl for this query")
          .toException();
    }
  }

  private static long size(AuditReads tx, long requested, String field) {
    long stored = tx.auditLog().head().size();
    if (requested < 0 || requested > stored) {
      throw invalid(
          field, "must be at most the log's size " + stored + " (0 for the current size)");
    }
    return requested == 0 ? stored : requested;
  }

  private static AuditEntry decode(AuditEvent event) {
    try {
      return event.entry();
    } catch (MalformedAuditRecordException malformed) {
      throw new IllegalStateException(
          "stored audit record " + event.index() + " does not parse; VerifyAudit reports it",
          malformed);
    }
  }

  private static RuntimeException invalid(String field, String description) {
    return Rejection.invalidParameters(List.of(new FieldViolation(field, description)))
        .orElseThrow()
        .toException();
  }

  /** A proof and the tree size it is for. */
  public record Proof(long treeSize, List<byte[]> hashes) {
    public Proof {
      hashes = List.copyOf(hashes);
    }
  }
}
