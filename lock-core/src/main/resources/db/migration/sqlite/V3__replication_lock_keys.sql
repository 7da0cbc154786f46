-- Replication (proto/lockctl/v1/replication.proto): lock keys, target relationships, used unlock
-- challenges, the challenge secret, and the policy fields of snapshots.
-- Times are epoch milliseconds (UTC); enums are stored by name.

-- Registered public keys; lockctl never stores a private key.
CREATE TABLE lock_key (
    id             TEXT    NOT NULL PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE,
    comment        TEXT    NOT NULL,
    public_key_pem TEXT    NOT NULL,
    disabled       INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    create_time    INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per relationship, with one key slot per orientation (NULL for none). While REVERSED,
-- original_key_id is the dormant key a revert restores.
CREATE TABLE target_relationship (
    id                    TEXT    NOT NULL PRIMARY KEY,
    region_id             TEXT    NOT NULL,
    source_cluster        TEXT    NOT NULL,
    source_path           TEXT    NOT NULL,
    target_path           TEXT    NOT NULL,
    expiration_ttl_millis INTEGER NOT NULL CHECK (expiration_ttl_millis >= 0),
    orientation           TEXT    NOT NULL CHECK (orientation IN ('ORIGINAL', 'REVERSED')),
    original_key_id       TEXT,
    reversed_key_id       TEXT,
    create_time           INTEGER NOT NULL
) WITHOUT ROWID;

-- ListTargetRelationships of one region, in id order.
CREATE INDEX target_relationship_by_region ON target_relationship (region_id, id);
-- A key's users (DisableLockKey, DeleteLockKey, ListLockKeyUsages), one index per slot.
CREATE INDEX target_relationship_by_original_key ON target_relationship (original_key_id, id);
CREATE INDEX target_relationship_by_reversed_key ON target_relationship (reversed_key_id, id);

-- Nonces of unlock challenges that removed a lock, kept until the challenge expires so that none
-- serves twice; the purge next to the idempotency purge forgets expired ones.
CREATE TABLE used_unlock_challenge (
    nonce       TEXT    NOT NULL PRIMARY KEY,
    expire_time INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX used_unlock_challenge_by_expire_time ON used_unlock_challenge (expire_time);

-- The HMAC secret of unlock challenges: 32 random bytes made when the store is first opened, kept
-- so that a challenge issued before a restart still verifies after it.
CREATE TABLE unlock_challenge_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret BLOB    NOT NULL CHECK (length(secret) >= 32)
);

-- Policy snapshots: the relationship whose policy took the snapshot ('' for none) and when it
-- expires (NULL for never).
ALTER TABLE snapshot ADD COLUMN created_by_policy TEXT NOT NULL DEFAULT '';
ALTER TABLE snapshot ADD COLUMN expire_time INTEGER;

-- The snapshots a key locks (DeleteLockKey's check, ListLockKeyUsages), across regions, in
-- (region, id) order, without scanning the catalog.
CREATE INDEX snapshot_by_lock_key ON snapshot (lock_key_id, region_id, snapshot_id)
    WHERE lock_mode = 'KEY';
