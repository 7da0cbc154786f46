-- Secrets the server makes once and keeps with the data, by name, so that every replica of a shared
-- database uses the same ones: 'unlock-challenge', the HMAC key of KEY locks' unlock challenges.
CREATE TABLE server_secret (
    name   TEXT NOT NULL PRIMARY KEY,
    secret BLOB NOT NULL CHECK (length(secret) >= 32)
) WITHOUT ROWID;

INSERT INTO server_secret (name, secret)
    SELECT 'unlock-challenge', secret FROM unlock_challenge_secret WHERE id = 1;

DROP TABLE unlock_challenge_secret;

-- Remembered responses are now stored in a format of their own, independent of the gRPC messages,
-- so that every edge replays them; records in the former format are forgotten (a client token
-- used before the upgrade can be used again).
DELETE FROM idempotency_record;
