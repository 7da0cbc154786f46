-- Retention rules (proto/lockctl/v1/retention_rule.proto) and the recycle bin's reclaim.
-- Times are epoch milliseconds (UTC); enums are stored by name.

-- One row per rule. The lock state is not stored: RetentionRule.lockStateAt derives it from
-- unlock_delay_days (NULL while never locked) and lock_end_time (set once UnlockRule ran), so
-- the end of an unlock delay needs no sweep. WITHOUT ROWID: rows are small and every lookup and
-- list goes by (region_id, identifier).
CREATE TABLE retention_rule (
    region_id             TEXT    NOT NULL,
    identifier            TEXT    NOT NULL,
    description           TEXT    NOT NULL,
    resource_type         TEXT    NOT NULL,
    retention_period_days INTEGER NOT NULL,
    unlock_delay_days     INTEGER,
    lock_end_time         INTEGER,
    create_time           INTEGER NOT NULL,
    update_time           INTEGER NOT NULL,
    PRIMARY KEY (region_id, identifier),
    CHECK (lock_end_time IS NULL OR unlock_delay_days IS NOT NULL)
) WITHOUT ROWID;

-- ListRules by type, and DeleteSnapshot's read of a region's SNAPSHOT rules, walk this index in
-- identifier order.
CREATE INDEX retention_rule_by_type ON retention_rule (region_id, resource_type, identifier);

-- A rule's tags in a child table rather than an encoded column: ListRules' resource_tags filter
-- ("the rule carries every one of these tags") then runs in SQL as one EXISTS per tag, probing
-- the primary key (at most 50 rows per rule and kind), with no decoding or escaping to get
-- wrong. kind tells resource tags ('RESOURCE') from exclusion tags ('EXCLUDE'); position keeps
-- each list in the order the caller gave it, which is what the rule returns (one key may come
-- with several values, so the key alone can neither order nor identify a tag).
CREATE TABLE retention_rule_tag (
    region_id  TEXT    NOT NULL,
    identifier TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('RESOURCE', 'EXCLUDE')),
    position   INTEGER NOT NULL,
    tag_key    TEXT    NOT NULL,
    tag_value  TEXT    NOT NULL,
    PRIMARY KEY (region_id, identifier, kind, position),
    FOREIGN KEY (region_id, identifier) REFERENCES retention_rule (region_id, identifier)
        ON DELETE CASCADE
) WITHOUT ROWID;

-- The background reclaim finds the recycle bin's expired rows without scanning the catalog.
CREATE INDEX snapshot_recycle_bin ON snapshot (retain_until) WHERE state = 'IN_RECYCLE_BIN';
