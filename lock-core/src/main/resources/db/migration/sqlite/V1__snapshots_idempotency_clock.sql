-- Times are epoch milliseconds (UTC); enums are stored by name.

-- One row per snapshot, its lock inline (all lock_* columns NULL when it has none).
-- WITHOUT ROWID: rows are small and every lookup and list goes by (region_id, snapshot_id).
CREATE TABLE snapshot (
    region_id                TEXT    NOT NULL,
    snapshot_id              TEXT    NOT NULL,
    status                   TEXT    NOT NULL,
    retention_days           INTEGER NOT NULL,
    shared                   INTEGER NOT NULL CHECK (shared IN (0, 1)),
    managed_by               TEXT    NOT NULL,
    create_time              INTEGER NOT NULL,
    state                    TEXT    NOT NULL,
    retain_until             INTEGER,
    lock_mode                TEXT,
    lock_creation_time       INTEGER,
    lock_cool_off_hours      INTEGER,
    -- DAYS: lock_term_value is a number of days; UNTIL: it is the fixed expire time.
    lock_term_kind           TEXT CHECK (lock_term_kind IN ('DAYS', 'UNTIL')),
    lock_term_value          INTEGER,
    lock_duration_start_time INTEGER,
    lock_key_id              TEXT,
    lock_version             INTEGER,
    -- Derived from the lock so that list filters by lock status run in SQL:
    -- SnapshotLock.expireTime() (NULL while a days-based lock waits) and coolOffEndTime().
    lock_expire_time         INTEGER,
    lock_cool_off_end_time   INTEGER,
    PRIMARY KEY (region_id, snapshot_id),
    CHECK ((lock_mode IS NULL) = (lock_creation_time IS NULL)),
    CHECK ((lock_mode IS NULL) = (lock_term_kind IS NULL))
) WITHOUT ROWID;

-- Listing locked snapshots walks only the locked ones, in id order.
CREATE INDEX snapshot_locked ON snapshot (region_id, snapshot_id) WHERE lock_mode IS NOT NULL;

CREATE TABLE snapshot_tag (
    region_id   TEXT NOT NULL,
    snapshot_id TEXT NOT NULL,
    tag_key     TEXT NOT NULL,
    tag_value   TEXT NOT NULL,
    PRIMARY KEY (region_id, snapshot_id, tag_key),
    FOREIGN KEY (region_id, snapshot_id) REFERENCES snapshot (region_id, snapshot_id)
        ON DELETE CASCADE
) WITHOUT ROWID;

-- Filtering by tag: the index also holds snapshot_id, so matches come out in id order.
CREATE INDEX snapshot_tag_by_key_value ON snapshot_tag (region_id, tag_key, tag_value);

-- Remembered responses of mutations with a client token. A rowid table (not WITHOUT ROWID)
-- because responses can be a few kilobytes.
CREATE TABLE idempotency_record (
    caller       TEXT    NOT NULL,
    operation    TEXT    NOT NULL,
    client_token TEXT    NOT NULL,
    fingerprint  BLOB    NOT NULL,
    response     BLOB    NOT NULL,
    create_time  INTEGER NOT NULL,
    PRIMARY KEY (caller, operation, client_token)
);

CREATE INDEX idempotency_record_by_create_time ON idempotency_record (create_time);

-- The compliance clock's high-water mark: one row, only ever raised.
CREATE TABLE compliance_clock (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    high_water_millis INTEGER NOT NULL
);
