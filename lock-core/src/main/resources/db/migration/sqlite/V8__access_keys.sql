-- Access keys for the anchors' HTTP APIs (proto/lockctl/v1/access_key.proto). sealed_secret is the
-- secret sealed with AES-256-GCM under the server's access-key master key, which is kept outside
-- the store: this table alone verifies no signature. create_time is epoch milliseconds (UTC).
CREATE TABLE access_key (
    id            TEXT    NOT NULL PRIMARY KEY,
    principal     TEXT    NOT NULL,
    sealed_secret TEXT    NOT NULL,
    create_time   INTEGER NOT NULL
) WITHOUT ROWID;
