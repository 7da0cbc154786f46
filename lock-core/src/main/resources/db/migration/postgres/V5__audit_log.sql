-- The tamper-evident audit log. Each accepted mutation (and each refusal of a named resource)
-- appends one record in the same transaction as its change.

-- The records: `record` holds the canonical bytes (the deterministic protobuf encoding of
-- lockctl.v1.AuditRecord) that the Merkle tree hashes; the other columns repeat some of its fields
-- (COLLATE "C", as in V1, so that a prefix is a range) for the listings' filters (a check of the
-- log compares them with the bytes) and keep the resource as the change left it (not hashed), for
-- the stream of lock events.
CREATE TABLE audit_record (
    idx            BIGINT  NOT NULL PRIMARY KEY CHECK (idx >= 0),
    record         BYTEA   NOT NULL,
    time           BIGINT  NOT NULL,
    principal      TEXT COLLATE "C" NOT NULL,
    action         TEXT COLLATE "C" NOT NULL,
    resource       TEXT COLLATE "C" NOT NULL,
    resource_kind  TEXT    NOT NULL,
    resource_state BYTEA   NOT NULL
);

CREATE INDEX audit_record_by_resource ON audit_record (resource, idx);
CREATE INDEX audit_record_by_principal ON audit_record (principal, idx);

-- The tree's perfect subtrees (level 0 are the leaves' hashes), each written when its last leaf is
-- appended; last_leaf lets a check of the log read them in the order it needs them.
CREATE TABLE audit_node (
    level     BIGINT  NOT NULL CHECK (level >= 0),
    position  BIGINT  NOT NULL CHECK (position >= 0),
    last_leaf BIGINT  NOT NULL,
    hash      BYTEA   NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, position)
);

CREATE INDEX audit_node_by_last_leaf ON audit_node (last_leaf);

-- One row: the log's size and the frontier of its tree (the hashes of the perfect subtrees that
-- cover it, largest first), so an append reads one row.
CREATE TABLE audit_head (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    size     BIGINT  NOT NULL CHECK (size >= 0),
    frontier BYTEA   NOT NULL
);

INSERT INTO audit_head (id, size, frontier) VALUES (1, 0, ''::bytea);

-- Checkpoints the log signed, one per tree size: a check of the log compares the records with them.
CREATE TABLE audit_checkpoint (
    size      BIGINT  NOT NULL PRIMARY KEY CHECK (size >= 0),
    root_hash BYTEA   NOT NULL CHECK (octet_length(root_hash) = 32),
    note      TEXT    NOT NULL,
    signed_at BIGINT  NOT NULL
);
