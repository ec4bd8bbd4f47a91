-- Failed sign-ins counted in the database (so a restart does not forget them, and several
-- processes sharing the file count together), and when each session was last used (the
-- idle timeout). Times are milliseconds since the Unix epoch.

-- One row per key (`name:alice`, `ip:192.0.2.7`): attempts counted since `window_start`.
-- An attempt is counted before its password is checked; a successful one is taken back.
CREATE TABLE sign_in_attempts (
    key          TEXT    PRIMARY KEY,
    window_start INTEGER NOT NULL,
    attempts     INTEGER NOT NULL
);

CREATE INDEX sign_in_attempts_by_window ON sign_in_attempts (window_start);

ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
UPDATE sessions SET last_seen_at = created_at;
