-- Team files applied: one row per batch, one per file row it runs. Times are
-- milliseconds since the Unix epoch.
--
-- A batch is held by a lease like a delete job: the replica running it renews
-- `lease_until`; one whose lease ran out is claimed by another, which raises `fence`.
-- Every write of a row names the fence its runner was given, so a runner that lost the
-- batch cannot write any more.
CREATE TABLE batches (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    domain_id        TEXT    NOT NULL,
    create_only      INTEGER NOT NULL DEFAULT 0,
    status           TEXT    NOT NULL
        CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    attempt          INTEGER NOT NULL DEFAULT 1,
    created_by       TEXT    NOT NULL,
    owner            TEXT,
    lease_until      INTEGER NOT NULL DEFAULT 0,
    fence            INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    finished_at      INTEGER
);

CREATE INDEX batches_by_status ON batches (status);

CREATE TABLE batch_rows (
    batch_id    INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    row_no      INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('create', 'update', 'unchanged')),
    -- The CreateUserProfile request of the row, as JSON (an update sends its settings).
    request     TEXT    NOT NULL,
    status      TEXT    NOT NULL
        CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
    -- Calls sent for the row: more than none after a restart means the first answer may
    -- have been lost, so the profile is looked at before anything is sent again.
    calls       INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT,
    profile_arn TEXT,
    access      TEXT,
    error       TEXT,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (batch_id, row_no)
);
