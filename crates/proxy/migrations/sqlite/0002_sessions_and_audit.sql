-- Sign-in sessions, server secrets and the audit log. Times are milliseconds since the
-- Unix epoch.

-- One row per signed-in browser. The token itself is never stored: only its SHA-256
-- digest, so a copy of this file signs nobody in.
CREATE TABLE sessions (
    token_digest TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Keys the server makes once (the key CSRF tokens are HMACs under).
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

-- Append-only: every sign-in, sign-out, refused identity header and change.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    actor      TEXT    NOT NULL,
    role       TEXT,
    source_ip  TEXT,
    action     TEXT    NOT NULL,
    domain_id  TEXT,
    target     TEXT,
    arn        TEXT,
    -- A JSON object, without secrets.
    summary    TEXT,
    outcome    TEXT    NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
    status     INTEGER NOT NULL,
    message    TEXT,
    request_id TEXT
);

CREATE INDEX audit_by_time ON audit (at);
CREATE INDEX audit_by_actor ON audit (actor COLLATE NOCASE);
CREATE INDEX audit_by_domain ON audit (domain_id);
