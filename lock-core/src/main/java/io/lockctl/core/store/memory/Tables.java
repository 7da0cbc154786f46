package io.lockctl.core.store.memory;

import io.lockctl.core.accesskey.AccessKey;
import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditHead;
import io.lockctl.core.audit.NodeId;
import io.lockctl.core.audit.StoredCheckpoint;
import io.lockctl.core.audit.TreeNode;
import io.lockctl.core.idempotency.IdempotencyKey;
import io.lockctl.core.idempotency.IdempotencyRecord;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.transaction.StorageException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The in-memory store's data, one sorted map per table, keyed and ordered as the SQL stores'
 * primary keys and listings are. Values are immutable records, so a reader holds them without
 * copying.
 */
final class Tables {
  /** A row of a table keyed by (region, id), ordered by region, then id. */
  record RegionKey(String regionId, String id) {
    static final Comparator<RegionKey> ORDER =
        Comparator.comparing(RegionKey::regionId).thenComparing(RegionKey::id);
  }

  final NavigableMap<RegionKey, Snapshot> snapshots = new TreeMap<>(RegionKey.ORDER);
  final NavigableMap<RegionKey, RetentionRule> rules = new TreeMap<>(RegionKey.ORDER);

  /** Each rule's tags, as an immutable sorted map replaced whole by every change. */
  final Map<RegionKey, SortedMap<String, String>> ruleTags = new HashMap<>();

  final NavigableMap<String, LockKey> lockKeysById = new TreeMap<>();
  final NavigableMap<String, String> lockKeyIdsByName = new TreeMap<>();
  final NavigableMap<String, TargetRelationship> relationships = new TreeMap<>();
  final Map<String, Instant> usedUnlockChallenges = new HashMap<>();
  final Map<IdempotencyKey, IdempotencyRecord> idempotency = new HashMap<>();
  final Map<String, byte[]> secrets = new HashMap<>();
  final NavigableMap<String, AccessKey> accessKeys = new TreeMap<>();
  final NavigableMap<Long, AuditEvent> auditRecords = new TreeMap<>();
  final Map<NodeId, TreeNode> auditNodes = new HashMap<>();

  /** The audit log's head, under the one key {@link #HEAD}, so that the undo log covers it. */
  final Map<String, AuditHead> auditHead = new HashMap<>(Map.of(HEAD, AuditHead.EMPTY));

  final NavigableMap<Long, StoredCheckpoint> auditCheckpoints = new TreeMap<>();

  static final String HEAD = "head";

  /**
   * An insert found its key taken. The callers check first, so this is a bug, not a user's mistake:
   * the store fails as the SQL stores do when a constraint refuses the row.
   */
  static StorageException keyTaken(String what) {
    return new StorageException(what + " is already stored");
  }
}
