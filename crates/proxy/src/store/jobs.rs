//! Rows of the `jobs` table.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::leases::{Fence, LeaseTerms, guard};
use super::{Store, StoreError, known};
use studio_admin_api::{EpochMillis, Job, JobError, JobStatus, StepKind, StepStatus};

/// What a new delete job is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    /// The domain of the profile.
    pub domain_id: String,
    /// The profile to delete.
    pub profile_name: String,
    /// Keep the person's direct assignment to the domain's Studio application in IAM
    /// Identity Center (SSO domains; by default the job removes it after the profile).
    pub keep_access: bool,
}

/// How many times creating a job retries when the running job it collided with finished
/// before it could be read.
const CREATE_ATTEMPTS: usize = 5;

impl Store {
    /// Creates a running job for the profile, held on `terms`, and returns it with the
    /// fence of its first lease; or returns the job already running for it (no fence: it
    /// is someone else's). The unique index on running jobs decides between racing
    /// requests.
    pub async fn create_job(
        &self,
        new: &NewJob,
        terms: &LeaseTerms,
    ) -> Result<(Job, Option<Fence>), StoreError> {
        let key = new.profile_name.to_lowercase();
        for _ in 0..CREATE_ATTEMPTS {
            let now = self.now_ms();
            let inserted = sqlx::query(
                "INSERT INTO jobs (domain_id, profile_name, profile_key, status, owner,
                                   lease_until, fence, created_at, updated_at, keep_access)
                 VALUES ($1, $2, $3, 'running', $4, $5, 1, $6, $6, $7) RETURNING *",
            )
            .bind(&new.domain_id)
            .bind(&new.profile_name)
            .bind(&key)
            .bind(&terms.owner)
            .bind(now + terms.lease_ms)
            .bind(now)
            .bind(i64::from(new.keep_access))
            .fetch_one(self.pool().await?)
            .await;
            match inserted {
                Ok(row) => {
                    let job = job_from_row(&row)?;
                    let fence = Fence {
                        job_id: job.id,
                        token: 1,
                    };
                    return Ok((job, Some(fence)));
                }
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    let running = sqlx::query(
                        "SELECT * FROM jobs WHERE domain_id = $1 AND profile_key = $2 AND status = 'running'",
                    )
                    .bind(&new.domain_id)
                    .bind(&key)
                    .fetch_optional(self.pool().await?)
                    .await?;
                    if let Some(row) = running {
                        return Ok((job_from_row(&row)?, None));
                    }
                    // The running job finished in between: try to create again.
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(StoreError::Query(sqlx::Error::Protocol(
            "the profile's running job kept changing while a new one was being created".into(),
        )))
    }

    /// One job.
    pub async fn job(&self, id: i64) -> Result<Option<Job>, StoreError> {
        let row = sqlx::query("SELECT * FROM jobs WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool().await?)
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    /// Jobs, newest first, optionally only those of one domain, profile or status.
    pub async fn jobs(
        &self,
        domain_id: Option<&str>,
        profile_name: Option<&str>,
        status: Option<JobStatus>,
        limit: i64,
    ) -> Result<Vec<Job>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM jobs
             WHERE ($1 IS NULL OR domain_id = $1)
               AND ($2 IS NULL OR profile_key = $2)
               AND ($3 IS NULL OR status = $3)
             ORDER BY id DESC LIMIT $4",
        )
        .bind(domain_id)
        .bind(profile_name.map(str::to_lowercase))
        .bind(status.map(JobStatus::as_str))
        .bind(limit)
        .fetch_all(self.pool().await?)
        .await?;
        rows.iter().map(job_from_row).collect()
    }

    /// Every job still running: the ones to resume on start.
    pub async fn running_jobs(&self) -> Result<Vec<Job>, StoreError> {
        let rows = sqlx::query("SELECT * FROM jobs WHERE status = 'running' ORDER BY id")
            .fetch_all(self.pool().await?)
            .await?;
        rows.iter().map(job_from_row).collect()
    }

    /// How many jobs have each status (every status, zero included).
    pub async fn job_counts(&self) -> Result<Vec<(JobStatus, i64)>, StoreError> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
            .fetch_all(self.pool().await?)
            .await?;
        let mut counts: Vec<(JobStatus, i64)> =
            JobStatus::ALL.iter().map(|status| (*status, 0)).collect();
        for row in rows {
            let status: String = row.try_get("status")?;
            let n: i64 = row.try_get("n")?;
            if let Some(entry) = counts.iter_mut().find(|(s, _)| s.as_str() == status) {
                entry.1 = n;
            }
        }
        Ok(counts)
    }

    /// Marks a running job as asked to cancel. `None` when there is no such job.
    pub async fn request_cancel(&self, id: i64) -> Result<Option<Job>, StoreError> {
        let row = sqlx::query(
            "UPDATE jobs SET cancel_requested = 1, updated_at = $2
             WHERE id = $1 AND status = 'running' RETURNING *",
        )
        .bind(id)
        .bind(self.now_ms())
        .fetch_optional(self.pool().await?)
        .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    /// Finishes a job and, in the same transaction, closes its steps that never ran with
    /// `open_steps` (skipped after a failure, cancelled after a cancel).
    pub async fn finish_job(
        &self,
        fence: Fence,
        status: JobStatus,
        outcome: Option<&str>,
        error: Option<&JobError>,
        open_steps: StepStatus,
    ) -> Result<Job, StoreError> {
        let id = fence.job_id;
        let now = self.now_ms();
        let mut tx = self.pool().await?.begin().await?;
        guard(&mut tx, fence).await?;
        let note = match open_steps {
            StepStatus::Cancelled => "not started: the job was cancelled",
            _ => "not started: an earlier step failed",
        };
        sqlx::query(
            "UPDATE steps SET status = $2, outcome = $3, updated_at = $4
             WHERE job_id = $1 AND status IN ('pending', 'running')",
        )
        .bind(id)
        .bind(open_steps.as_str())
        .bind(note)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Only a running job is finished: a job cancelled (or finished) meanwhile stays as
        // it is, whatever a late runner thinks.
        let row = sqlx::query(
            "UPDATE jobs SET status = $2, outcome = $3, error_step = $4, error_resource = $5,
                    error_reason = $6, finished_at = $7, updated_at = $7
             WHERE id = $1 AND status = 'running' RETURNING *",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(outcome)
        .bind(error.map(|e| e.step.as_str()))
        .bind(error.map(|e| e.resource.as_str()))
        .bind(error.map(|e| e.reason.as_str()))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        self.settle(tx, id, row).await
    }

    /// Starts the next planning round. With `superseded`, that step (the refused profile
    /// delete) is closed with its explanation and the round counts as a re-plan; both land
    /// in one transaction so a restart sees either the old round or the new one.
    pub async fn next_round(
        &self,
        fence: Fence,
        superseded: Option<(i64, &str)>,
    ) -> Result<Job, StoreError> {
        let id = fence.job_id;
        let now = self.now_ms();
        let mut tx = self.pool().await?.begin().await?;
        guard(&mut tx, fence).await?;
        if let Some((step_id, reason)) = superseded {
            sqlx::query(
                "UPDATE steps SET status = 'superseded', outcome = $2, finished_at = $3,
                        updated_at = $3 WHERE id = $1",
            )
            .bind(step_id)
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let row = sqlx::query(
            "UPDATE jobs SET round = round + 1, replans = replans + $2, updated_at = $3
             WHERE id = $1 RETURNING *",
        )
        .bind(id)
        .bind(i64::from(superseded.is_some()))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        self.settle(tx, id, row).await
    }

    /// Ends the transaction of an update of job `id` that may have found no row to change
    /// (`row`: the job as written). Without one nothing changed, and the steps are left as
    /// they were too: the transaction is rolled back and the job is answered as it is.
    async fn settle(
        &self,
        tx: sqlx::Transaction<'_, sqlx::Any>,
        id: i64,
        row: Option<AnyRow>,
    ) -> Result<Job, StoreError> {
        let Some(row) = row else {
            tx.rollback().await?;
            return self
                .job(id)
                .await?
                .ok_or(StoreError::Query(sqlx::Error::RowNotFound));
        };
        tx.commit().await?;
        job_from_row(&row)
    }

    /// Restarts a failed or cancelled job in a new round (planned afresh from what AWS has
    /// now), held on `terms`. `Ok(None)` when the job is not failed or cancelled; an error
    /// when another job for the same profile is running (the unique index refuses).
    pub async fn restart_job(
        &self,
        id: i64,
        terms: &LeaseTerms,
    ) -> Result<Option<(Job, Fence)>, StoreError> {
        let now = self.now_ms();
        let row = sqlx::query(
            "UPDATE jobs SET status = 'running', attempt = attempt + 1, round = round + 1,
                    replans = 0, cancel_requested = 0, outcome = NULL, error_step = NULL,
                    error_resource = NULL, error_reason = NULL, finished_at = NULL,
                    owner = $3, lease_until = $4, fence = fence + 1, updated_at = $2
             WHERE id = $1 AND status IN ('failed', 'cancelled') RETURNING *",
        )
        .bind(id)
        .bind(now)
        .bind(&terms.owner)
        .bind(now + terms.lease_ms)
        .fetch_optional(self.pool().await?)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let fence = Fence {
            job_id: id,
            token: row.try_get("fence")?,
        };
        Ok(Some((job_from_row(&row)?, fence)))
    }
}

/// Whether an error is the unique index refusing a second running job for a profile.
pub fn is_running_job_conflict(error: &StoreError) -> bool {
    matches!(error, StoreError::Query(sqlx::Error::Database(e)) if e.is_unique_violation())
}

fn job_from_row(row: &AnyRow) -> Result<Job, StoreError> {
    let error_step: Option<String> = row.try_get("error_step")?;
    let error = match error_step {
        Some(step) => Some(JobError {
            step: known(step, "job error step", StepKind::parse)?,
            resource: row
                .try_get::<Option<String>, _>("error_resource")?
                .unwrap_or_default(),
            reason: row
                .try_get::<Option<String>, _>("error_reason")?
                .unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Job {
        id: row.try_get("id")?,
        domain_id: row.try_get("domain_id")?,
        profile_name: row.try_get("profile_name")?,
        status: known(row.try_get("status")?, "job status", JobStatus::parse)?,
        cancel_requested: row.try_get::<i64, _>("cancel_requested")? != 0,
        round: row.try_get("round")?,
        replans: row.try_get("replans")?,
        attempt: row.try_get("attempt")?,
        outcome: row.try_get("outcome")?,
        error,
        home_efs_file_system_uid: row.try_get("home_efs_file_system_uid")?,
        access_user: row.try_get("access_user")?,
        keep_access: row.try_get::<i64, _>("keep_access")? != 0,
        created_at: EpochMillis(row.try_get("created_at")?),
        updated_at: EpochMillis(row.try_get("updated_at")?),
        finished_at: row
            .try_get::<Option<i64>, _>("finished_at")?
            .map(EpochMillis),
    })
}
