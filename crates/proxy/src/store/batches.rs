//! Rows of the `batches` and `batch_rows` tables: team files applied on the server.
//!
//! A batch is held by a lease like a delete job (`owner`, `lease_until`, `fence`), but
//! its writes are single statements: each names the fence its runner was given in its
//! `WHERE`, so a runner whose batch was claimed by another replica changes nothing (and
//! hears [`StoreError::LeaseLost`]). A claim is one `UPDATE` whose condition (a lease
//! that ran out) is checked again under the row's lock, so two replicas never both win.

use sqlx::Row as _;
use sqlx::any::AnyRow;
use studio_admin_api::{
    Batch, BatchDetail, BatchRow, BatchStatus, EpochMillis, RowAction, RowCounts, RowStatus,
};

use super::leases::{Fence, LeaseTerms};
use super::{Store, StoreError, known};

/// A row of a new batch.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBatchRow {
    /// The row's number in the file.
    pub row: usize,
    /// The profile name.
    pub name: String,
    /// What the plan said (`create`, `update` or `unchanged`).
    pub action: RowAction,
    /// The row's CreateUserProfile request as JSON.
    pub request: String,
}

/// What a new batch is.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBatch {
    /// The domain.
    pub domain_id: String,
    /// Whether `update` rows are left alone.
    pub create_only: bool,
    /// Who started it.
    pub created_by: String,
    /// Its rows, in file order.
    pub rows: Vec<NewBatchRow>,
}

/// A row as its runner needs it: what to send, and whether a call was sent before.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRow {
    /// The row's number in the file.
    pub row: usize,
    /// The profile name.
    pub name: String,
    /// What the plan said.
    pub action: RowAction,
    /// The CreateUserProfile request as JSON.
    pub request: String,
    /// Calls sent for the row so far (by any runner).
    pub calls: i64,
}

/// How a row ended, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowEnd {
    /// `done` or `failed`.
    pub status: Option<RowStatus>,
    /// What happened (`created`, ...).
    pub outcome: Option<String>,
    /// The profile's ARN.
    pub profile_arn: Option<String>,
    /// What was done about Studio access.
    pub access: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
}

/// A batch whose lease this replica renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewedBatch {
    /// The batch and its fence.
    pub fence: Fence,
    /// Whether a cancel was asked for.
    pub cancel_requested: bool,
}

impl Store {
    /// Stores a running batch held on `terms` with its rows (`unchanged` rows are done at
    /// once), in one transaction; answers it with the fence of its first lease.
    pub async fn create_batch(
        &self,
        new: &NewBatch,
        terms: &LeaseTerms,
    ) -> Result<(BatchDetail, Fence), StoreError> {
        let now = self.now_ms();
        let mut tx = self.pool().await?.begin().await?;
        let row = sqlx::query(
            "INSERT INTO batches (domain_id, create_only, status, created_by, owner,
                                  lease_until, fence, created_at, updated_at)
             VALUES ($1, $2, 'running', $3, $4, $5, 1, $6, $6) RETURNING id",
        )
        .bind(&new.domain_id)
        .bind(i64::from(new.create_only))
        .bind(&new.created_by)
        .bind(&terms.owner)
        .bind(now + terms.lease_ms)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        for row in &new.rows {
            let (status, outcome) = match row.action {
                RowAction::Unchanged => (RowStatus::Done, Some("unchanged")),
                _ => (RowStatus::Pending, None),
            };
            sqlx::query(
                "INSERT INTO batch_rows (batch_id, row_no, name, action, request, status,
                                         outcome, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(row_no(row.row))
            .bind(&row.name)
            .bind(row.action.as_str())
            .bind(&row.request)
            .bind(status.as_str())
            .bind(outcome)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        let detail = self.batch(id).await?.ok_or(StoreError::Corrupt {
            what: "batch",
            value: id.to_string(),
        })?;
        Ok((
            detail,
            Fence {
                job_id: id,
                token: 1,
            },
        ))
    }

    /// The batch with every row, or `None`.
    pub async fn batch(&self, id: i64) -> Result<Option<BatchDetail>, StoreError> {
        let pool = self.pool().await?;
        let Some(row) = sqlx::query("SELECT * FROM batches WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?
        else {
            return Ok(None);
        };
        let rows = sqlx::query(
            "SELECT row_no, name, action, status, outcome, profile_arn, access, error,
                    updated_at
             FROM batch_rows WHERE batch_id = $1 ORDER BY row_no",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(batch_row_from_row)
        .collect::<Result<Vec<_>, _>>()?;
        let mut batch = batch_from_row(&row)?;
        batch.counts = RowCounts::of(rows.iter().map(|r| &r.status));
        Ok(Some(BatchDetail { batch, rows }))
    }

    /// The domain's batches, newest first (at most `limit`), with their rows counted.
    pub async fn batches(&self, domain_id: &str, limit: i64) -> Result<Vec<Batch>, StoreError> {
        let pool = self.pool().await?;
        let rows =
            sqlx::query("SELECT * FROM batches WHERE domain_id = $1 ORDER BY id DESC LIMIT $2")
                .bind(domain_id)
                .bind(limit)
                .fetch_all(pool)
                .await?;
        let mut batches = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut batch = batch_from_row(row)?;
            let statuses = sqlx::query("SELECT status FROM batch_rows WHERE batch_id = $1")
                .bind(batch.id)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| known(r.try_get("status")?, "batch row status", RowStatus::parse))
                .collect::<Result<Vec<_>, _>>()?;
            batch.counts = RowCounts::of(&statuses);
            batches.push(batch);
        }
        Ok(batches)
    }

    /// The rows of the batch that still have work to do (`pending`, or `running` when a
    /// runner stopped mid-call), in file order.
    pub async fn open_rows(&self, id: i64) -> Result<Vec<OpenRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT row_no, name, action, request, calls FROM batch_rows
             WHERE batch_id = $1 AND status IN ('pending', 'running') ORDER BY row_no",
        )
        .bind(id)
        .fetch_all(self.pool().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OpenRow {
                    row: usize::try_from(row.try_get::<i64, _>("row_no")?).unwrap_or(0),
                    name: row.try_get("name")?,
                    action: known(row.try_get("action")?, "batch row action", action_of)?,
                    request: row.try_get("request")?,
                    calls: row.try_get("calls")?,
                })
            })
            .collect()
    }

    /// Marks the row as being sent (one more call): written before the call.
    pub async fn row_sending(&self, fence: Fence, row: usize) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE batch_rows SET status = 'running', calls = calls + 1, updated_at = $3
             WHERE batch_id = $1 AND row_no = $2
               AND EXISTS (SELECT 1 FROM batches WHERE id = $1 AND fence = $4
                             AND status = 'running')",
        )
        .bind(fence.job_id)
        .bind(row_no(row))
        .bind(self.now_ms())
        .bind(fence.token)
        .execute(self.pool().await?)
        .await?;
        lease_held(done.rows_affected(), fence)
    }

    /// Records how the row ended: written after its call.
    pub async fn row_ended(
        &self,
        fence: Fence,
        row: usize,
        end: &RowEnd,
    ) -> Result<(), StoreError> {
        let status = end.status.unwrap_or(RowStatus::Done);
        let done = sqlx::query(
            "UPDATE batch_rows SET status = $3, outcome = $4, profile_arn = $5, access = $6,
                                   error = $7, updated_at = $8
             WHERE batch_id = $1 AND row_no = $2
               AND EXISTS (SELECT 1 FROM batches WHERE id = $1 AND fence = $9
                             AND status = 'running')",
        )
        .bind(fence.job_id)
        .bind(row_no(row))
        .bind(status.as_str())
        .bind(&end.outcome)
        .bind(&end.profile_arn)
        .bind(&end.access)
        .bind(&end.error)
        .bind(self.now_ms())
        .bind(fence.token)
        .execute(self.pool().await?)
        .await?;
        lease_held(done.rows_affected(), fence)
    }

    /// Ends the batch: rows still `pending` become `cancelled` when it was cancelled, and
    /// the status is set; both in one transaction, under the runner's fence.
    pub async fn finish_batch(&self, fence: Fence, status: BatchStatus) -> Result<(), StoreError> {
        let now = self.now_ms();
        let mut tx = self.pool().await?.begin().await?;
        let done = sqlx::query(
            "UPDATE batches SET status = $3, owner = NULL, lease_until = 0, updated_at = $4,
                                finished_at = $4
             WHERE id = $1 AND fence = $2 AND status = 'running'",
        )
        .bind(fence.job_id)
        .bind(fence.token)
        .bind(status.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        lease_held(done.rows_affected(), fence)?;
        if status == BatchStatus::Cancelled {
            sqlx::query(
                "UPDATE batch_rows SET status = 'cancelled', updated_at = $2
                 WHERE batch_id = $1 AND status = 'pending'",
            )
            .bind(fence.job_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Asks the running batch to stop starting rows; `false` when it is not running.
    pub async fn cancel_batch(&self, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE batches SET cancel_requested = 1, updated_at = $2
             WHERE id = $1 AND status = 'running'",
        )
        .bind(id)
        .bind(self.now_ms())
        .execute(self.pool().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Runs the finished batch's failed and cancelled rows again, held on `terms`:
    /// `None` when it is still running (or does not exist).
    pub async fn retry_batch(
        &self,
        id: i64,
        terms: &LeaseTerms,
    ) -> Result<Option<Fence>, StoreError> {
        let now = self.now_ms();
        let mut tx = self.pool().await?.begin().await?;
        let Some(row) = sqlx::query(
            "UPDATE batches SET status = 'running', cancel_requested = 0,
                                attempt = attempt + 1, owner = $2, lease_until = $3,
                                fence = fence + 1, updated_at = $4, finished_at = NULL
             WHERE id = $1 AND status <> 'running' RETURNING fence",
        )
        .bind(id)
        .bind(&terms.owner)
        .bind(now + terms.lease_ms)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(None);
        };
        sqlx::query(
            "UPDATE batch_rows SET status = 'pending', error = NULL, updated_at = $2
             WHERE batch_id = $1 AND status IN ('failed', 'cancelled')",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(Fence {
            job_id: id,
            token: row.try_get("fence")?,
        }))
    }

    /// Takes the running batches whose lease ran out (or was released) for `terms.owner`.
    pub async fn claim_batches(&self, terms: &LeaseTerms) -> Result<Vec<Fence>, StoreError> {
        let now = self.now_ms();
        let rows = sqlx::query(
            "UPDATE batches SET owner = $1, lease_until = $2, fence = fence + 1
             WHERE status = 'running' AND lease_until < $3
             RETURNING id, fence",
        )
        .bind(&terms.owner)
        .bind(now + terms.lease_ms)
        .bind(now)
        .fetch_all(self.pool().await?)
        .await?;
        rows.iter().map(fence_of).collect()
    }

    /// Extends `terms.owner`'s leases on running batches and says which they are.
    pub async fn renew_batches(&self, terms: &LeaseTerms) -> Result<Vec<RenewedBatch>, StoreError> {
        let rows = sqlx::query(
            "UPDATE batches SET lease_until = $2
             WHERE owner = $1 AND status = 'running'
             RETURNING id, fence, cancel_requested",
        )
        .bind(&terms.owner)
        .bind(self.now_ms() + terms.lease_ms)
        .fetch_all(self.pool().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(RenewedBatch {
                    fence: fence_of(row)?,
                    cancel_requested: row.try_get::<i64, _>("cancel_requested")? != 0,
                })
            })
            .collect()
    }

    /// Gives up `owner`'s leases on running batches (a replica stopping).
    pub async fn release_batches(&self, owner: &str) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE batches SET owner = NULL, lease_until = 0
             WHERE owner = $1 AND status = 'running'",
        )
        .bind(owner)
        .execute(self.pool().await?)
        .await?;
        Ok(done.rows_affected())
    }
}

/// A row number as stored.
fn row_no(row: usize) -> i64 {
    i64::try_from(row).unwrap_or(i64::MAX)
}

/// A write that changed nothing: the batch is no longer the runner's.
fn lease_held(affected: u64, fence: Fence) -> Result<(), StoreError> {
    if affected == 0 {
        return Err(StoreError::LeaseLost(fence.job_id));
    }
    Ok(())
}

fn fence_of(row: &AnyRow) -> Result<Fence, StoreError> {
    Ok(Fence {
        job_id: row.try_get("id")?,
        token: row.try_get("fence")?,
    })
}

fn action_of(text: &str) -> Option<RowAction> {
    [RowAction::Create, RowAction::Update, RowAction::Unchanged]
        .into_iter()
        .find(|a| a.as_str() == text)
}

fn batch_from_row(row: &AnyRow) -> Result<Batch, StoreError> {
    Ok(Batch {
        id: row.try_get("id")?,
        domain_id: row.try_get("domain_id")?,
        create_only: row.try_get::<i64, _>("create_only")? != 0,
        status: known(row.try_get("status")?, "batch status", BatchStatus::parse)?,
        cancel_requested: row.try_get::<i64, _>("cancel_requested")? != 0,
        created_by: row.try_get("created_by")?,
        counts: RowCounts::default(),
        attempt: row.try_get("attempt")?,
        created_at: EpochMillis(row.try_get("created_at")?),
        updated_at: EpochMillis(row.try_get("updated_at")?),
        finished_at: row
            .try_get::<Option<i64>, _>("finished_at")?
            .map(EpochMillis),
    })
}

fn batch_row_from_row(row: &AnyRow) -> Result<BatchRow, StoreError> {
    Ok(BatchRow {
        row: usize::try_from(row.try_get::<i64, _>("row_no")?).unwrap_or(0),
        name: row.try_get("name")?,
        action: known(row.try_get("action")?, "batch row action", action_of)?,
        status: known(row.try_get("status")?, "batch row status", RowStatus::parse)?,
        outcome: row.try_get("outcome")?,
        profile_arn: row.try_get("profile_arn")?,
        access: row.try_get("access")?,
        error: row.try_get("error")?,
        updated_at: EpochMillis(row.try_get("updated_at")?),
    })
}
