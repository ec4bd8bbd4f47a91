//! Rows of the `steps` table.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::leases::{Fence, guard};
use super::{Store, StoreError, known};
use studio_admin_api::{EpochMillis, Phase, Step, StepKind, StepStatus};

/// A step to record for a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    /// What it does.
    pub kind: StepKind,
    /// What it acts on, as a person reads it (unique within the round).
    pub resource: String,
    /// For apps: the app type.
    pub app_type: Option<String>,
    /// For apps: the app name.
    pub app_name: Option<String>,
    /// For space apps and spaces: the space.
    pub space_name: Option<String>,
    /// `Wait` when AWS is already deleting the resource (no request to send).
    pub phase: Phase,
    /// What AWS said about the resource when it was planned (its status).
    pub detail: Option<String>,
}

/// A change to one step; `None` members stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepUpdate {
    /// The new status.
    pub status: Option<StepStatus>,
    /// The new phase.
    pub phase: Option<Phase>,
    /// Counts one more delete request (written before the request is sent).
    pub add_call: bool,
    /// What happened.
    pub outcome: Option<String>,
    /// The last thing AWS said.
    pub detail: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// Records the start time, unless the step started before (a restart continues it).
    pub started: bool,
    /// Records the finish time.
    pub finished: bool,
}

impl Store {
    /// Records a step unless the round has it already, and returns the stored step.
    pub async fn ensure_step(
        &self,
        fence: Fence,
        round: i64,
        step: &NewStep,
    ) -> Result<Step, StoreError> {
        let job_id = fence.job_id;
        let mut tx = self.pool().await?.begin().await?;
        guard(&mut tx, fence).await?;
        insert_if_absent(&mut tx, job_id, round, step, self.now_ms()).await?;
        let row = sqlx::query(
            "SELECT * FROM steps WHERE job_id = $1 AND round = $2 AND kind = $3 AND resource = $4",
        )
        .bind(job_id)
        .bind(round)
        .bind(step.kind.as_str())
        .bind(&step.resource)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        step_from_row(&row)
    }

    /// The plan step of a round, if the round has one.
    pub async fn plan_step(&self, job_id: i64, round: i64) -> Result<Option<Step>, StoreError> {
        let row = sqlx::query(
            "SELECT * FROM steps WHERE job_id = $1 AND round = $2 AND kind = 'plan' ORDER BY id LIMIT 1",
        )
        .bind(job_id)
        .bind(round)
        .fetch_optional(self.pool().await?)
        .await?;
        row.as_ref().map(step_from_row).transpose()
    }

    /// Records what planning found, all at once: the round's steps, the plan step done
    /// with its summary, and on the job the profile's name as AWS spells it, its EFS uid
    /// and its IAM Identity Center user. A process killed before this commit plans the
    /// round again; after it, never.
    #[allow(clippy::too_many_arguments)]
    pub async fn record_plan(
        &self,
        fence: Fence,
        round: i64,
        plan_step_id: i64,
        steps: &[NewStep],
        summary: &str,
        profile_name: &str,
        home_efs_file_system_uid: Option<&str>,
        access_user: Option<&str>,
    ) -> Result<(), StoreError> {
        let job_id = fence.job_id;
        let now = self.now_ms();
        let mut tx = self.pool().await?.begin().await?;
        guard(&mut tx, fence).await?;
        for step in steps {
            insert_if_absent(&mut tx, job_id, round, step, now).await?;
        }
        sqlx::query(
            "UPDATE steps SET status = 'done', outcome = $2, finished_at = $3, updated_at = $3
             WHERE id = $1",
        )
        .bind(plan_step_id)
        .bind(summary)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE jobs SET profile_name = $2,
                    home_efs_file_system_uid = COALESCE($3, home_efs_file_system_uid),
                    access_user = COALESCE($5, access_user),
                    updated_at = $4
             WHERE id = $1",
        )
        .bind(job_id)
        .bind(profile_name)
        .bind(home_efs_file_system_uid)
        .bind(now)
        .bind(access_user)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every step of a job, in the order they were recorded.
    pub async fn steps(&self, job_id: i64) -> Result<Vec<Step>, StoreError> {
        let rows = sqlx::query("SELECT * FROM steps WHERE job_id = $1 ORDER BY id")
            .bind(job_id)
            .fetch_all(self.pool().await?)
            .await?;
        rows.iter().map(step_from_row).collect()
    }

    /// The steps of one round of a job, in the order they were recorded.
    pub async fn round_steps(&self, job_id: i64, round: i64) -> Result<Vec<Step>, StoreError> {
        let rows = sqlx::query("SELECT * FROM steps WHERE job_id = $1 AND round = $2 ORDER BY id")
            .bind(job_id)
            .bind(round)
            .fetch_all(self.pool().await?)
            .await?;
        rows.iter().map(step_from_row).collect()
    }

    /// Applies a change to a step and returns the step as stored afterwards.
    pub async fn update_step(
        &self,
        fence: Fence,
        id: i64,
        update: &StepUpdate,
    ) -> Result<Step, StoreError> {
        let mut tx = self.pool().await?.begin().await?;
        guard(&mut tx, fence).await?;
        let row = sqlx::query(
            "UPDATE steps SET
                status = COALESCE($2, status),
                phase = COALESCE($3, phase),
                calls = calls + $4,
                outcome = COALESCE($5, outcome),
                detail = COALESCE($6, detail),
                error = COALESCE($7, error),
                started_at = CASE WHEN $8 THEN COALESCE(started_at, $10) ELSE started_at END,
                finished_at = CASE WHEN $9 THEN $10 ELSE finished_at END,
                updated_at = $10
             WHERE id = $1 AND job_id = $11 RETURNING *",
        )
        .bind(id)
        .bind(update.status.map(StepStatus::as_str))
        .bind(update.phase.map(Phase::as_str))
        .bind(i64::from(update.add_call))
        .bind(update.outcome.as_deref())
        .bind(update.detail.as_deref())
        .bind(update.error.as_deref())
        .bind(update.started)
        .bind(update.finished)
        .bind(self.now_ms())
        .bind(fence.job_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        step_from_row(&row)
    }
}

async fn insert_if_absent(
    tx: &mut sqlx::AnyConnection,
    job_id: i64,
    round: i64,
    step: &NewStep,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO steps
            (job_id, round, kind, resource, app_type, app_name, space_name, status, phase,
             detail, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10)
         ON CONFLICT (job_id, round, kind, resource) DO NOTHING",
    )
    .bind(job_id)
    .bind(round)
    .bind(step.kind.as_str())
    .bind(&step.resource)
    .bind(step.app_type.as_deref())
    .bind(step.app_name.as_deref())
    .bind(step.space_name.as_deref())
    .bind(step.phase.as_str())
    .bind(step.detail.as_deref())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn step_from_row(row: &AnyRow) -> Result<Step, StoreError> {
    Ok(Step {
        id: row.try_get("id")?,
        job_id: row.try_get("job_id")?,
        round: row.try_get("round")?,
        kind: known(row.try_get("kind")?, "step kind", StepKind::parse)?,
        resource: row.try_get("resource")?,
        app_type: row.try_get("app_type")?,
        app_name: row.try_get("app_name")?,
        space_name: row.try_get("space_name")?,
        status: known(row.try_get("status")?, "step status", StepStatus::parse)?,
        phase: known(row.try_get("phase")?, "step phase", Phase::parse)?,
        calls: row.try_get("calls")?,
        outcome: row.try_get("outcome")?,
        detail: row.try_get("detail")?,
        error: row.try_get("error")?,
        started_at: row
            .try_get::<Option<i64>, _>("started_at")?
            .map(EpochMillis),
        finished_at: row
            .try_get::<Option<i64>, _>("finished_at")?
            .map(EpochMillis),
        updated_at: EpochMillis(row.try_get("updated_at")?),
    })
}
