-- IAM Identity Center: a delete of an SSO profile ends by removing the person's direct
-- assignment to the domain's Studio application (a new step kind, `remove_access`),
-- unless the lead keeps it.
--
-- The profile's IAM Identity Center user, recorded when the job plans (the profile, and
-- with it the user's name, is gone when the last step runs).
ALTER TABLE jobs ADD COLUMN access_user TEXT;
-- 1: the delete keeps the person's direct assignment.
ALTER TABLE jobs ADD COLUMN keep_access INTEGER NOT NULL DEFAULT 0;

-- SQLite cannot change a CHECK constraint: the steps table is made again with the new
-- kind allowed, its rows copied over (same columns, same order).
CREATE TABLE steps_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id        INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    round         INTEGER NOT NULL,
    kind          TEXT    NOT NULL
        CHECK (kind IN ('plan', 'delete_app', 'delete_space', 'wait_apps', 'delete_profile',
                        'remove_access')),
    resource      TEXT    NOT NULL,
    app_type      TEXT,
    app_name      TEXT,
    space_name    TEXT,
    status        TEXT    NOT NULL
        CHECK (status IN ('pending', 'running', 'done', 'skipped', 'failed', 'cancelled', 'superseded')),
    phase         TEXT    NOT NULL DEFAULT 'call' CHECK (phase IN ('call', 'wait')),
    calls         INTEGER NOT NULL DEFAULT 0,
    outcome       TEXT,
    detail        TEXT,
    error         TEXT,
    started_at    INTEGER,
    finished_at   INTEGER,
    updated_at    INTEGER NOT NULL,
    UNIQUE (job_id, round, kind, resource)
);
INSERT INTO steps_new SELECT * FROM steps;
DROP TABLE steps;
ALTER TABLE steps_new RENAME TO steps;
CREATE INDEX steps_by_job ON steps (job_id, round);
