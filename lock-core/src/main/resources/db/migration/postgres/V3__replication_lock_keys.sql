-- Replication (proto/lockctl/v1/replication.proto): the PostgreSQL twin of
-- db/migration/sqlite/V3 (see the comments there). Times are epoch milliseconds (UTC) in BIGINT;
-- enums are stored by name; identifiers and names that pages are ordered by are COLLATE "C", as
-- in V1.

CREATE TABLE lock_key (
    id             TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name           TEXT COLLATE "C" NOT NULL UNIQUE,
    comment        TEXT    NOT NULL,
    public_key_pem TEXT    NOT NULL,
    disabled       INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    create_time    BIGINT  NOT NULL
);

CREATE TABLE target_relationship (
    id                    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    region_id             TEXT COLLATE "C" NOT NULL,
    source_cluster        TEXT   NOT NULL,
    source_path           TEXT   NOT NULL,
    target_path           TEXT   NOT NULL,
    expiration_ttl_millis BIGINT NOT NULL CHECK (expiration_ttl_millis >= 0),
    orientation           TEXT   NOT NULL CHECK (orientation IN ('ORIGINAL', 'REVERSED')),
    original_key_id       TEXT COLLATE "C",
    reversed_key_id       TEXT COLLATE "C",
    create_time           BIGINT NOT NULL
);

CREATE INDEX target_relationship_by_region ON target_relationship (region_id, id);
CREATE INDEX target_relationship_by_original_key ON target_relationship (original_key_id, id);
CREATE INDEX target_relationship_by_reversed_key ON target_relationship (reversed_key_id, id);

CREATE TABLE used_unlock_challenge (
    nonce       TEXT   NOT NULL PRIMARY KEY,
    expire_time BIGINT NOT NULL
);

CREATE INDEX used_unlock_challenge_by_expire_time ON used_unlock_challenge (expire_time);

-- Made by the first lockctl process that opens the database; every replica uses that one.
CREATE TABLE unlock_challenge_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret BYTEA   NOT NULL CHECK (octet_length(secret) >= 32)
);

ALTER TABLE snapshot ADD COLUMN created_by_policy TEXT NOT NULL DEFAULT '';
ALTER TABLE snapshot ADD COLUMN expire_time BIGINT;

CREATE INDEX snapshot_by_lock_key ON snapshot (lock_key_id, region_id, snapshot_id)
    WHERE lock_mode = 'KEY';
