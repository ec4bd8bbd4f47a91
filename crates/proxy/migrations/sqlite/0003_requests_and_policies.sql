-- Self-service onboarding requests and the per-domain policies that fix some of their
-- members. Times are milliseconds since the Unix epoch.

CREATE TABLE requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    domain_id    TEXT    NOT NULL,
    profile_name TEXT    NOT NULL,
    -- Lowercase name: SageMaker profile names are case-insensitive.
    profile_key  TEXT    NOT NULL,
    requester    TEXT    NOT NULL,
    -- 'approving' is held while CreateUserProfile runs: the conditional UPDATE that
    -- enters it is what lets exactly one approval create the profile.
    status       TEXT    NOT NULL
        CHECK (status IN ('pending', 'approving', 'approved', 'rejected')),
    -- The CreateUserProfile request, as JSON.
    request      TEXT    NOT NULL,
    reason       TEXT,
    error        TEXT,
    decided_by   TEXT,
    decided_at   INTEGER,
    profile_arn  TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- One open request per profile: a second submission finds the first.
CREATE UNIQUE INDEX requests_one_open_per_profile
    ON requests (domain_id, profile_key) WHERE status IN ('pending', 'approving');

CREATE INDEX requests_by_status ON requests (status);

-- Members of CreateUserProfile a domain's leads fix for requesters (partial request JSON).
CREATE TABLE policies (
    domain_id  TEXT    PRIMARY KEY,
    fixed      TEXT    NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
