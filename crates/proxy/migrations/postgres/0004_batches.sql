-- Team files applied: one row per batch, one per file row it runs. Times are
-- milliseconds since the Unix epoch.
--
-- A batch is held by a lease like a delete job: the replica running it renews
-- `lease_until`; one whose lease ran out is claimed by another, which raises `fence`.
-- Every write of a row names the fence its runner was given, so a runner that lost the
-- batch cannot write any more.
CREATE TABLE batches (
    id               BIGSERIAL PRIMARY KEY,
    domain_id        TEXT    NOT NULL,
    create_only      BIGINT  NOT NULL DEFAULT 0,
    status           TEXT    NOT NULL
        CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    cancel_requested BIGINT  NOT NULL DEFAULT 0,
    attempt          BIGINT  NOT NULL DEFAULT 1,
    created_by       TEXT    NOT NULL,
    owner            TEXT,
    lease_until      BIGINT  NOT NULL DEFAULT 0,
    fence            BIGINT  NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    finished_at      BIGINT 
);

CREATE INDEX batches_by_status ON batches (status);

CREATE TABLE batch_rows (
    batch_id    BIGINT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    row_no      BIGINT  NOT NULL,
    name        TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('create', 'update', 'unchanged')),
    -- The CreateUserProfile request of the row, as JSON (an update sends its settings).
    request     TEXT    NOT NULL,
    status      TEXT    NOT NULL
        CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
    -- Calls sent for the row: more than none after a restart means the first answer may
    -- have been lost, so the profile is looked at before anything is sent again.
    calls       BIGINT  NOT NULL DEFAULT 0,
    outcome     TEXT,
    profile_arn TEXT,
    access      TEXT,
    error       TEXT,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (batch_id, row_no)
);
