-- Jobs owned by leases: the replica running a job holds its lease until `lease_until`
-- and renews it while it runs; a job whose lease ran out is claimed by another (FOR
-- UPDATE SKIP LOCKED). `fence` grows with every claim, and every write of a runner names
-- the fence it was given, so a runner that lost its lease cannot write any more.
ALTER TABLE jobs ADD COLUMN owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN fence BIGINT NOT NULL DEFAULT 0;
-- The owner before the last claim: set when a job was taken over from a replica whose
-- lease ran out.
ALTER TABLE jobs ADD COLUMN taken_from TEXT;

CREATE INDEX jobs_by_owner ON jobs (owner) WHERE status = 'running';

-- The change feed: every committed change of a job or its steps is announced on the
-- channel `studio_admin_jobs` with the job's id, so that event streams on every replica
-- follow a job whichever replica runs it.
CREATE FUNCTION studio_admin_announce_job() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'jobs' THEN
        PERFORM pg_notify('studio_admin_jobs', NEW.id::text);
    ELSE
        PERFORM pg_notify('studio_admin_jobs', NEW.job_id::text);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER jobs_announce AFTER INSERT OR UPDATE ON jobs
    FOR EACH ROW EXECUTE FUNCTION studio_admin_announce_job();
CREATE TRIGGER steps_announce AFTER INSERT OR UPDATE ON steps
    FOR EACH ROW EXECUTE FUNCTION studio_admin_announce_job();
