-- Cheaper audit appends (docs/audit-log.md): a leaf's hash moves from its own audit_node row into
-- its record's row, so an append writes the record and, on average, one inner node. NULL only
-- where a store before V10 had lost a leaf's node: the check of the log reports it as before.
-- audit_head keeps its shape; the writer now updates it once per write batch, not per append.
ALTER TABLE audit_record ADD COLUMN leaf_hash BYTEA CHECK (octet_length(leaf_hash) = 32);

UPDATE audit_record
   SET leaf_hash = audit_node.hash
  FROM audit_node
 WHERE audit_node.level = 0 AND audit_node.position = audit_record.idx;

DELETE FROM audit_node WHERE level = 0;

-- A check of the log reads the inner nodes ending in a range of leaves level by level through the
-- primary key, so no append keeps this index up to date any more.
DROP INDEX audit_node_by_last_leaf;
ALTER TABLE audit_node DROP COLUMN last_leaf;
