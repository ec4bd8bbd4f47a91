-- Jobs owned by leases: the replica (process) running a job holds its lease until
-- `lease_until` and renews it while it runs; a job whose lease ran out is claimed by
-- another. `fence` grows with every claim, and every write of a runner names the fence
-- it was given, so a runner that lost its lease (paused, cut off) cannot write any more.
ALTER TABLE jobs ADD COLUMN owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN fence INTEGER NOT NULL DEFAULT 0;
-- The owner before the last claim: set when a job was taken over from a replica whose
-- lease ran out.
ALTER TABLE jobs ADD COLUMN taken_from TEXT;

CREATE INDEX jobs_by_owner ON jobs (owner) WHERE status = 'running';
