//! Who runs which job: leases on running jobs, renewed by their owner and claimed by
//! another replica once they run out, and the fence that keeps a runner which lost its
//! lease from writing.
//!
//! A lease names its owner (one id per process) and lasts until `lease_until`. A claim
//! takes the running jobs whose lease ran out (or was released) and raises each one's
//! fence; every write a runner makes ([`Fence`]) first checks that the job's fence is
//! still the one it was given, in the same transaction, so after a takeover the old
//! runner's writes are refused ([`StoreError::LeaseLost`]).

use sqlx::Row as _;
use sqlx::any::AnyRow;

use super::{Engine, Store, StoreError, postgres, sqlite};

/// What a runner's writes carry: the job and the fence it was given when it claimed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fence {
    /// The job.
    pub job_id: i64,
    /// The fence token of the claim.
    pub token: i64,
}

impl Fence {
    /// The fence of a row of `jobs` returned with its `id` and `fence`.
    fn of_row(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            job_id: row.try_get("id")?,
            token: row.try_get("fence")?,
        })
    }
}

/// Whose a new or claimed job is, and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseTerms {
    /// The replica (process) taking the job.
    pub owner: String,
    /// How long the lease lasts from now, in milliseconds.
    pub lease_ms: i64,
}

impl LeaseTerms {
    /// A lease already run out: the job is claimable at once (a replica that crashed
    /// long ago, in tests).
    pub fn expired(owner: &str) -> Self {
        Self {
            owner: owner.to_owned(),
            lease_ms: -1,
        }
    }
}

/// A job this replica now holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The job and its new fence.
    pub fence: Fence,
    /// Who held it before, if its lease ran out rather than being released (a takeover).
    pub taken_from: Option<String>,
}

/// A job whose lease this replica renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renewed {
    /// The job and the fence it still has.
    pub fence: Fence,
    /// Whether someone asked for the job to be cancelled (on any replica).
    pub cancel_requested: bool,
}

impl Store {
    /// Takes up to `limit` running jobs whose lease ran out (or was released) for `owner`,
    /// until `lease_ms` from now. Two replicas claiming at once never get the same job.
    pub async fn claim_jobs(
        &self,
        terms: &LeaseTerms,
        limit: i64,
    ) -> Result<Vec<Claimed>, StoreError> {
        self.claim(terms, None, limit).await
    }

    /// Takes the running job `id` for `terms.owner` if its lease ran out (or was
    /// released); `None` when it is not running or someone holds it.
    pub async fn claim_job(
        &self,
        terms: &LeaseTerms,
        id: i64,
    ) -> Result<Option<Claimed>, StoreError> {
        Ok(self.claim(terms, Some(id), 1).await?.into_iter().next())
    }

    async fn claim(
        &self,
        terms: &LeaseTerms,
        only: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Claimed>, StoreError> {
        let now = self.now_ms();
        let sql = match self.engine {
            Engine::Sqlite => sqlite::CLAIM_JOBS,
            Engine::Postgres => postgres::CLAIM_JOBS,
        };
        let rows = sqlx::query(sql)
            .bind(&terms.owner)
            .bind(now + terms.lease_ms)
            .bind(now)
            .bind(limit)
            .bind(only)
            .fetch_all(self.pool().await?)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Claimed {
                    fence: Fence::of_row(row)?,
                    taken_from: row.try_get("taken_from")?,
                })
            })
            .collect()
    }

    /// Extends the leases `owner` holds on running jobs to `lease_ms` from now, and says
    /// which they are: a job missing from the answer is not `owner`'s any more.
    pub async fn renew_leases(&self, terms: &LeaseTerms) -> Result<Vec<Renewed>, StoreError> {
        let rows = sqlx::query(
            "UPDATE jobs SET lease_until = $2
             WHERE owner = $1 AND status = 'running'
             RETURNING id, fence, cancel_requested",
        )
        .bind(&terms.owner)
        .bind(self.now_ms() + terms.lease_ms)
        .fetch_all(self.pool().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Renewed {
                    fence: Fence::of_row(row)?,
                    cancel_requested: row.try_get::<i64, _>("cancel_requested")? != 0,
                })
            })
            .collect()
    }

    /// Gives up the leases `owner` holds (a replica stopping): another replica may claim
    /// the jobs at once. Returns how many were released.
    pub async fn release_leases(&self, owner: &str) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE jobs SET owner = NULL, lease_until = 0
             WHERE owner = $1 AND status = 'running'",
        )
        .bind(owner)
        .execute(self.pool().await?)
        .await?;
        Ok(done.rows_affected())
    }

    /// Whether the running job `id` has an owner whose lease has not run out.
    pub async fn is_leased(&self, id: i64) -> Result<bool, StoreError> {
        let row = sqlx::query(
            "SELECT 1 AS held FROM jobs
             WHERE id = $1 AND status = 'running' AND owner IS NOT NULL AND lease_until >= $2",
        )
        .bind(id)
        .bind(self.now_ms())
        .fetch_optional(self.pool().await?)
        .await?;
        Ok(row.is_some())
    }
}

/// Opens a write of a runner: checks (and locks, until the transaction ends) that the job
/// still has the runner's fence.
pub(super) async fn guard(tx: &mut sqlx::AnyConnection, fence: Fence) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE jobs SET fence = fence WHERE id = $1 AND fence = $2")
        .bind(fence.job_id)
        .bind(fence.token)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::LeaseLost(fence.job_id));
    }
    Ok(())
}

impl Store {
    /// The fence of the running job `id` (`None` when it is not running).
    pub async fn running_fence(&self, id: i64) -> Result<Option<i64>, StoreError> {
        let row = sqlx::query("SELECT fence FROM jobs WHERE id = $1 AND status = 'running'")
            .bind(id)
            .fetch_optional(self.pool().await?)
            .await?;
        row.map(|row| row.try_get("fence"))
            .transpose()
            .map_err(Into::into)
    }
}
