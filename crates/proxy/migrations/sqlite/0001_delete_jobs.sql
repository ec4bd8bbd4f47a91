-- Delete jobs: one row per offboarding of a user profile, and the steps it took.
-- Times are milliseconds since the Unix epoch.

CREATE TABLE jobs (
    id                       INTEGER PRIMARY KEY AUTOINCREMENT,
    domain_id                TEXT    NOT NULL,
    profile_name             TEXT    NOT NULL,
    -- Lowercase name: SageMaker treats user profile names case-insensitively, so `Alice`
    -- and `alice` are one profile and may have only one active job between them.
    profile_key              TEXT    NOT NULL,
    status                   TEXT    NOT NULL
        CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    -- Set by a cancel request; the runner starts no new step once it sees it.
    cancel_requested         INTEGER NOT NULL DEFAULT 0,
    -- The current planning round: a new one starts when AWS refuses DeleteUserProfile
    -- because something appeared, and on every retry.
    round                    INTEGER NOT NULL DEFAULT 0,
    -- Rounds started because of ResourceInUse since the last (re)start; bounded.
    replans                  INTEGER NOT NULL DEFAULT 0,
    attempt                  INTEGER NOT NULL DEFAULT 1,
    -- 'deleted' or 'already deleted' once succeeded.
    outcome                  TEXT,
    -- Why the job failed: the step, the resource and AWS's reason.
    error_step               TEXT,
    error_resource           TEXT,
    error_reason             TEXT,
    -- Kept from DescribeUserProfile: the home directory that outlives the profile.
    home_efs_file_system_uid TEXT,
    created_at               INTEGER NOT NULL,
    updated_at               INTEGER NOT NULL,
    finished_at              INTEGER
);

-- One active job per profile, enforced here so that two delete requests racing each other
-- cannot both create one.
CREATE UNIQUE INDEX jobs_one_running_per_profile
    ON jobs (domain_id, profile_key) WHERE status = 'running';

CREATE INDEX jobs_by_status ON jobs (status);

CREATE TABLE steps (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id        INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    round         INTEGER NOT NULL,
    kind          TEXT    NOT NULL
        CHECK (kind IN ('plan', 'delete_app', 'delete_space', 'wait_apps', 'delete_profile')),
    -- What the step acts on, as a person reads it; unique within a job's round so that
    -- planning twice (after a restart) cannot add a step twice.
    resource      TEXT    NOT NULL,
    app_type      TEXT,
    app_name      TEXT,
    space_name    TEXT,
    status        TEXT    NOT NULL
        CHECK (status IN ('pending', 'running', 'done', 'skipped', 'failed', 'cancelled', 'superseded')),
    -- 'call': the delete request is (still) to be sent; 'wait': AWS accepted it (or was
    -- already deleting) and only the wait for the resource to be gone remains.
    phase         TEXT    NOT NULL DEFAULT 'call' CHECK (phase IN ('call', 'wait')),
    -- Delete requests sent for this step (more than one only after a restart or a
    -- transient error left the first one's fate unknown).
    calls         INTEGER NOT NULL DEFAULT 0,
    -- What happened, as a person reads it ('deleted', 'already deleted', ...).
    outcome       TEXT,
    -- The last thing AWS said about the resource (a status or an error message).
    detail        TEXT,
    error         TEXT,
    started_at    INTEGER,
    finished_at   INTEGER,
    updated_at    INTEGER NOT NULL,
    UNIQUE (job_id, round, kind, resource)
);

CREATE INDEX steps_by_job ON steps (job_id, round);
