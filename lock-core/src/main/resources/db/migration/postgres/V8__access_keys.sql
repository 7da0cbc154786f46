-- Access keys for the anchors' HTTP APIs (proto/lockctl/v1/access_key.proto), and the tags on
-- retention rules. sealed_secret is the secret sealed with AES-256-GCM under the server's
-- access-key master key, which is kept outside the store: this table alone verifies no signature.
-- create_time is epoch milliseconds (UTC).
CREATE TABLE access_key (
    id            TEXT   NOT NULL PRIMARY KEY,
    principal     TEXT   NOT NULL,
    sealed_secret TEXT   NOT NULL,
    create_time   BIGINT NOT NULL
);

-- Tags on retention rules themselves (AWS Recycle Bin's TagResource), one row per tag. They select
-- nothing (a rule's resource tags do that) and are deleted with their rule.
CREATE TABLE retention_rule_label (
    region_id  TEXT NOT NULL,
    identifier TEXT NOT NULL,
    tag_key    TEXT NOT NULL,
    tag_value  TEXT NOT NULL,
    PRIMARY KEY (region_id, identifier, tag_key)
);
