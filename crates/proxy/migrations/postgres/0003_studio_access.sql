-- IAM Identity Center: a delete of an SSO profile ends by removing the person's direct
-- assignment to the domain's Studio application (a new step kind, `remove_access`),
-- unless the lead keeps it.
--
-- The profile's IAM Identity Center user, recorded when the job plans (the profile, and
-- with it the user's name, is gone when the last step runs).
ALTER TABLE jobs ADD COLUMN access_user TEXT;
-- 1: the delete keeps the person's direct assignment.
ALTER TABLE jobs ADD COLUMN keep_access BIGINT NOT NULL DEFAULT 0;

ALTER TABLE steps DROP CONSTRAINT steps_kind_check;
ALTER TABLE steps ADD CONSTRAINT steps_kind_check
    CHECK (kind IN ('plan', 'delete_app', 'delete_space', 'wait_apps', 'delete_profile',
                    'remove_access'));
