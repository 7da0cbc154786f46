-- The PostgreSQL twin of db/migration/sqlite/V1: the same tables, columns and meanings, so the
-- store's queries are shared. Times are epoch milliseconds (UTC) in BIGINT; enums are stored by
-- name. Identifiers are COLLATE "C": pages are ordered and resumed by id, and that order must be
-- the byte order SQLite uses, whatever the database's locale.

-- One row per snapshot, its lock inline (all lock_* columns NULL when it has none).
CREATE TABLE snapshot (
    region_id                TEXT COLLATE "C" NOT NULL,
    snapshot_id              TEXT COLLATE "C" NOT NULL,
    status                   TEXT     NOT NULL,
    retention_days           INTEGER  NOT NULL,
    -- 0 or 1, as in SQLite, so the shared queries bind and read it alike.
    shared                   INTEGER  NOT NULL CHECK (shared IN (0, 1)),
    managed_by               TEXT     NOT NULL,
    create_time              BIGINT   NOT NULL,
    state                    TEXT     NOT NULL,
    retain_until             BIGINT,
    lock_mode                TEXT,
    lock_creation_time       BIGINT,
    lock_cool_off_hours      INTEGER,
    -- DAYS: lock_term_value is a number of days; UNTIL: it is the fixed expire time.
    lock_term_kind           TEXT CHECK (lock_term_kind IN ('DAYS', 'UNTIL')),
    lock_term_value          BIGINT,
    lock_duration_start_time BIGINT,
    lock_key_id              TEXT,
    lock_version             BIGINT,
    -- Derived from the lock so that list filters by lock status run in SQL:
    -- SnapshotLock.expireTime() (NULL while a days-based lock waits) and coolOffEndTime().
    lock_expire_time         BIGINT,
    lock_cool_off_end_time   BIGINT,
    PRIMARY KEY (region_id, snapshot_id),
    CHECK ((lock_mode IS NULL) = (lock_creation_time IS NULL)),
    CHECK ((lock_mode IS NULL) = (lock_term_kind IS NULL))
);

-- Listing locked snapshots walks only the locked ones, in id order.
CREATE INDEX snapshot_locked ON snapshot (region_id, snapshot_id) WHERE lock_mode IS NOT NULL;

CREATE TABLE snapshot_tag (
    region_id   TEXT COLLATE "C" NOT NULL,
    snapshot_id TEXT COLLATE "C" NOT NULL,
    tag_key     TEXT NOT NULL,
    tag_value   TEXT NOT NULL,
    PRIMARY KEY (region_id, snapshot_id, tag_key),
    FOREIGN KEY (region_id, snapshot_id) REFERENCES snapshot (region_id, snapshot_id)
        ON DELETE CASCADE
);

-- Filtering by tag: the index also holds snapshot_id, so matches come out in id order.
CREATE INDEX snapshot_tag_by_key_value ON snapshot_tag (region_id, tag_key, tag_value, snapshot_id);

-- Remembered responses of mutations with a client token.
CREATE TABLE idempotency_record (
    caller       TEXT   NOT NULL,
    operation    TEXT   NOT NULL,
    client_token TEXT   NOT NULL,
    fingerprint  BYTEA  NOT NULL,
    response     BYTEA  NOT NULL,
    create_time  BIGINT NOT NULL,
    PRIMARY KEY (caller, operation, client_token)
);

CREATE INDEX idempotency_record_by_create_time ON idempotency_record (create_time);

-- The compliance clock's high-water mark: one row, only ever raised. Unlike SQLite's, the row
-- always exists (NULL until a first write): every write batch of every lockctl process locks it
-- first (SELECT ... FOR UPDATE), which puts all writers in one serial order.
CREATE TABLE compliance_clock (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    high_water_millis BIGINT
);
INSERT INTO compliance_clock (id, high_water_millis) VALUES (1, NULL);
