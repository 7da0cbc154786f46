-- Seeds a large embedded store directly (10 million snapshots in about 90 s; through the API it
-- would take about an hour). Create the schema first by starting and stopping the server once on
-- the data directory, then:  sqlite3 DIR/lockctl.db < loadtest/sql/seed-large-store.sql
-- Ids are the load tool's (s- plus a 20-digit number, 0..9999999) in region cn-hangzhou; every
-- tenth snapshot carries a 100-year governance lock, every snapshot an "env" tag.
-- Bulk load only: synchronous=OFF is for this one-off import, never for the server.
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
PRAGMA cache_size=-1000000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999999)
INSERT INTO snapshot (region_id, snapshot_id, status, retention_days, shared, managed_by, create_time, state,
                      lock_mode, lock_creation_time, lock_cool_off_hours, lock_term_kind, lock_term_value,
                      lock_duration_start_time, lock_version, lock_expire_time)
SELECT 'cn-hangzhou', printf('s-%020d', i), 'ACCOMPLISHED', 0, 0, '', 1763800000000, 'ACTIVE',
       CASE WHEN i % 10 = 0 THEN 'GOVERNANCE' END,
       CASE WHEN i % 10 = 0 THEN 1763800000000 END,
       CASE WHEN i % 10 = 0 THEN 0 END,
       CASE WHEN i % 10 = 0 THEN 'DAYS' END,
       CASE WHEN i % 10 = 0 THEN 36500 END,
       CASE WHEN i % 10 = 0 THEN 1763800000000 END,
       CASE WHEN i % 10 = 0 THEN 1 END,
       CASE WHEN i % 10 = 0 THEN 1763800000000 + 36500 * 86400000 END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999999)
INSERT INTO snapshot_tag (region_id, snapshot_id, tag_key, tag_value)
SELECT 'cn-hangzhou', printf('s-%020d', i), 'env', CASE WHEN i % 2 = 0 THEN 'prod' ELSE 'dev' END FROM n;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
ANALYZE;
