-- The tamper-evident audit log. Each accepted mutation (and each refusal of a named resource)
-- appends one record in the same transaction as its change.

-- The records: `record` holds the canonical bytes (the deterministic protobuf encoding of
-- lockctl.v1.AuditRecord) that the Merkle tree hashes; the other columns repeat some of its fields
-- for the listings' filters (a check of the log compares them with the bytes) and keep the resource
-- as the change left it (not hashed), for the stream of lock events.
CREATE TABLE audit_record (
    idx            INTEGER NOT NULL PRIMARY KEY CHECK (idx >= 0),
    record         BLOB    NOT NULL,
    time           INTEGER NOT NULL,
    principal      TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    resource       TEXT    NOT NULL,
    resource_kind  TEXT    NOT NULL,
    resource_state BLOB    NOT NULL
);

CREATE INDEX audit_record_by_resource ON audit_record (resource, idx);
CREATE INDEX audit_record_by_principal ON audit_record (principal, idx);

-- The tree's perfect subtrees (level 0 are the leaves' hashes), each written when its last leaf is
-- appended; last_leaf lets a check of the log read them in the order it needs them.
CREATE TABLE audit_node (
    level     INTEGER NOT NULL CHECK (level >= 0),
    position  INTEGER NOT NULL CHECK (position >= 0),
    last_leaf INTEGER NOT NULL,
    hash      BLOB    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, position)
) WITHOUT ROWID;

CREATE INDEX audit_node_by_last_leaf ON audit_node (last_leaf);

-- One row: the log's size and the frontier of its tree (the hashes of the perfect subtrees that
-- cover it, largest first), so an append reads one row.
CREATE TABLE audit_head (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    size     INTEGER NOT NULL CHECK (size >= 0),
    frontier BLOB    NOT NULL
);

INSERT INTO audit_head (id, size, frontier) VALUES (1, 0, X'');

-- Checkpoints the log signed, one per tree size: a check of the log compares the records with them.
CREATE TABLE audit_checkpoint (
    size      INTEGER NOT NULL PRIMARY KEY CHECK (size >= 0),
    root_hash BLOB    NOT NULL CHECK (length(root_hash) = 32),
    note      TEXT    NOT NULL,
    signed_at INTEGER NOT NULL
);
