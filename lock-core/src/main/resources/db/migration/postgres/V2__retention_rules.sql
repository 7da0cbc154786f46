-- Retention rules (proto/lockctl/v1/retention_rule.proto) and the recycle bin's reclaim: the
-- PostgreSQL twin of db/migration/sqlite/V2 (see the comments there). Times are epoch
-- milliseconds (UTC).

-- The lock state is not stored: RetentionRule.lockStateAt derives it from unlock_delay_days
-- (NULL while never locked) and lock_end_time (set once UnlockRule ran).
CREATE TABLE retention_rule (
    region_id             TEXT COLLATE "C" NOT NULL,
    identifier            TEXT COLLATE "C" NOT NULL,
    description           TEXT    NOT NULL,
    resource_type         TEXT    NOT NULL,
    retention_period_days INTEGER NOT NULL,
    unlock_delay_days     INTEGER,
    lock_end_time         BIGINT,
    create_time           BIGINT  NOT NULL,
    update_time           BIGINT  NOT NULL,
    PRIMARY KEY (region_id, identifier),
    CHECK (lock_end_time IS NULL OR unlock_delay_days IS NOT NULL)
);

CREATE INDEX retention_rule_by_type ON retention_rule (region_id, resource_type, identifier);

-- kind tells resource tags from exclusion tags; position keeps each list in the caller's order.
CREATE TABLE retention_rule_tag (
    region_id  TEXT COLLATE "C" NOT NULL,
    identifier TEXT COLLATE "C" NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('RESOURCE', 'EXCLUDE')),
    position   INTEGER NOT NULL,
    tag_key    TEXT    NOT NULL,
    tag_value  TEXT    NOT NULL,
    PRIMARY KEY (region_id, identifier, kind, position),
    FOREIGN KEY (region_id, identifier) REFERENCES retention_rule (region_id, identifier)
        ON DELETE CASCADE
);

-- The background reclaim finds the recycle bin's expired rows without scanning the catalog.
CREATE INDEX snapshot_recycle_bin ON snapshot (retain_until) WHERE state = 'IN_RECYCLE_BIN';
