-- The PostgreSQL schema: the same tables as the SQLite one (crates/proxy/migrations/
-- sqlite/0001 to 0004), written for PostgreSQL. Times are milliseconds since the Unix
-- epoch; every integer is BIGINT so both engines read them the same way.

-- Delete jobs: one row per offboarding of a user profile, and the steps it took.
CREATE TABLE jobs (
    id                       BIGSERIAL PRIMARY KEY,
    domain_id                TEXT   NOT NULL,
    profile_name             TEXT   NOT NULL,
    -- Lowercase name: one active job per profile, whatever its spelling.
    profile_key              TEXT   NOT NULL,
    status                   TEXT   NOT NULL
        CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    cancel_requested         BIGINT NOT NULL DEFAULT 0,
    round                    BIGINT NOT NULL DEFAULT 0,
    replans                  BIGINT NOT NULL DEFAULT 0,
    attempt                  BIGINT NOT NULL DEFAULT 1,
    outcome                  TEXT,
    error_step               TEXT,
    error_resource           TEXT,
    error_reason             TEXT,
    home_efs_file_system_uid TEXT,
    created_at               BIGINT NOT NULL,
    updated_at               BIGINT NOT NULL,
    finished_at              BIGINT
);

CREATE UNIQUE INDEX jobs_one_running_per_profile
    ON jobs (domain_id, profile_key) WHERE status = 'running';

CREATE INDEX jobs_by_status ON jobs (status);

CREATE TABLE steps (
    id          BIGSERIAL PRIMARY KEY,
    job_id      BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    round       BIGINT NOT NULL,
    kind        TEXT   NOT NULL
        CHECK (kind IN ('plan', 'delete_app', 'delete_space', 'wait_apps', 'delete_profile')),
    resource    TEXT   NOT NULL,
    app_type    TEXT,
    app_name    TEXT,
    space_name  TEXT,
    status      TEXT   NOT NULL
        CHECK (status IN ('pending', 'running', 'done', 'skipped', 'failed', 'cancelled', 'superseded')),
    phase       TEXT   NOT NULL DEFAULT 'call' CHECK (phase IN ('call', 'wait')),
    calls       BIGINT NOT NULL DEFAULT 0,
    outcome     TEXT,
    detail      TEXT,
    error       TEXT,
    started_at  BIGINT,
    finished_at BIGINT,
    updated_at  BIGINT NOT NULL,
    UNIQUE (job_id, round, kind, resource)
);

CREATE INDEX steps_by_job ON steps (job_id, round);

-- Sign-in sessions (token digests only), server secrets, the audit log.
CREATE TABLE sessions (
    token_digest TEXT   PRIMARY KEY,
    name         TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    last_seen_at BIGINT
);

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE secrets (
    name  TEXT  PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE audit (
    id         BIGSERIAL PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor      TEXT   NOT NULL,
    role       TEXT,
    source_ip  TEXT,
    action     TEXT   NOT NULL,
    domain_id  TEXT,
    target     TEXT,
    arn        TEXT,
    summary    TEXT,
    outcome    TEXT   NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
    status     BIGINT NOT NULL,
    message    TEXT,
    request_id TEXT
);

CREATE INDEX audit_by_time ON audit (at);
CREATE INDEX audit_by_actor ON audit (lower(actor));
CREATE INDEX audit_by_domain ON audit (domain_id);

-- Self-service onboarding requests and the per-domain policies.
CREATE TABLE requests (
    id           BIGSERIAL PRIMARY KEY,
    domain_id    TEXT   NOT NULL,
    profile_name TEXT   NOT NULL,
    profile_key  TEXT   NOT NULL,
    requester    TEXT   NOT NULL,
    status       TEXT   NOT NULL
        CHECK (status IN ('pending', 'approving', 'approved', 'rejected')),
    request      TEXT   NOT NULL,
    reason       TEXT,
    error        TEXT,
    decided_by   TEXT,
    decided_at   BIGINT,
    profile_arn  TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE UNIQUE INDEX requests_one_open_per_profile
    ON requests (domain_id, profile_key) WHERE status IN ('pending', 'approving');

CREATE INDEX requests_by_status ON requests (status);

CREATE TABLE policies (
    domain_id  TEXT   PRIMARY KEY,
    fixed      TEXT   NOT NULL,
    updated_by TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Sign-in attempts counted per key in fixed windows.
CREATE TABLE sign_in_attempts (
    key          TEXT   PRIMARY KEY,
    window_start BIGINT NOT NULL,
    attempts     BIGINT NOT NULL
);

CREATE INDEX sign_in_attempts_by_window ON sign_in_attempts (window_start);
