//! A team file applied: a batch runs on the server, row by row, and survives restarts.
//! Under `/api/domains/{domain}`: `POST /batches` (a [`PlanBody`](crate::PlanBody))
//! starts one, `GET /batches/{id}` reads it, `GET /batches/{id}/events` follows it,
//! `POST /batches/{id}/cancel` and `/retry` steer it, and `GET /batches/{id}/results.csv`
//! gives every row's outcome (the columns `studio-admin apply --results` writes too).

use serde::{Deserialize, Serialize};

use crate::batch::RowAction;
use crate::spelled::spelled;
use crate::time::EpochMillis;

spelled! {
    /// Where a batch stands.
    pub enum BatchStatus {
        /// Rows are running or waiting (also while a cancel is being honoured).
        Running = "running" => "Running",
        /// Every row is done.
        Succeeded = "succeeded" => "Succeeded",
        /// Every row stopped and at least one failed; failed rows can be retried.
        Failed = "failed" => "Finished with failures",
        /// Cancelled on request: rows not started were left alone.
        Cancelled = "cancelled" => "Cancelled",
    }
}

impl BatchStatus {
    /// Whether the batch has stopped (retry can start a failed or cancelled one again).
    pub fn is_finished(self) -> bool {
        self != Self::Running
    }
}

spelled! {
    /// Where one row of a batch stands.
    pub enum RowStatus {
        /// Not started yet.
        Pending = "pending" => "Waiting",
        /// Its call was (or is being) sent. After a restart the row is settled by looking
        /// at the profile before anything is sent again.
        Running = "running" => "In progress",
        /// Finished; see its outcome.
        Done = "done" => "Done",
        /// Failed; the error says why. Retry runs it again.
        Failed = "failed" => "Failed",
        /// Not run because the batch was cancelled.
        Cancelled = "cancelled" => "Cancelled",
    }
}

impl RowStatus {
    /// Whether the row still has work to do.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Pending | Self::Running)
    }
}

/// How many rows of a batch stand where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCounts {
    /// Every row the batch holds.
    pub total: usize,
    /// Rows not started.
    pub pending: usize,
    /// Rows in flight.
    pub running: usize,
    /// Rows done.
    pub done: usize,
    /// Rows failed.
    pub failed: usize,
    /// Rows left alone by a cancel.
    pub cancelled: usize,
}

impl RowCounts {
    /// Counts the rows' statuses.
    pub fn of<'a>(statuses: impl IntoIterator<Item = &'a RowStatus>) -> Self {
        let mut counts = Self::default();
        for status in statuses {
            counts.total += 1;
            match status {
                RowStatus::Pending => counts.pending += 1,
                RowStatus::Running => counts.running += 1,
                RowStatus::Done => counts.done += 1,
                RowStatus::Failed => counts.failed += 1,
                RowStatus::Cancelled => counts.cancelled += 1,
            }
        }
        counts
    }

    /// Rows that have stopped, one way or another (the progress bar's share).
    pub fn settled(&self) -> usize {
        self.done + self.failed + self.cancelled
    }
}

/// A batch without its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// The batch id (`/api/batches/{id}`).
    pub id: i64,
    /// The domain the rows are for.
    pub domain_id: String,
    /// Whether existing profiles with other settings were left as they are.
    pub create_only: bool,
    /// Where the batch stands.
    pub status: BatchStatus,
    /// Whether a cancel was asked for (rows in flight still finish).
    pub cancel_requested: bool,
    /// Who started it.
    pub created_by: String,
    /// Its rows counted by status.
    pub counts: RowCounts,
    /// 1 for the first run, +1 on each retry.
    pub attempt: i64,
    /// When it was started.
    pub created_at: EpochMillis,
    /// When it last changed.
    pub updated_at: EpochMillis,
    /// When it finished (the last time, after retries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<EpochMillis>,
}

/// One row of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRow {
    /// The row's number in the file (1-based, the header not counted).
    pub row: usize,
    /// The profile's name.
    pub name: String,
    /// What the plan said the row does.
    pub action: RowAction,
    /// Where it stands.
    pub status: RowStatus,
    /// What happened (`created`, `updated`, `unchanged`, `left as is`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The profile's ARN, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_arn: Option<String>,
    /// SSO domains: what was done about the person's Studio access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<String>,
    /// Why it failed, with AWS's own words when AWS said something.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// When the row last changed.
    pub updated_at: EpochMillis,
}

/// A batch and rows of it: every row from `GET /api/batches/{id}`; on the event stream,
/// the rows that changed since the previous event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchDetail {
    /// The batch.
    pub batch: Batch,
    /// Its rows, in file order.
    pub rows: Vec<BatchRow>,
}

/// The answer of `GET /api/domains/{domain}/batches`: the domain's batches, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchList {
    /// The batches.
    pub batches: Vec<Batch>,
}

/// The columns of `GET /api/batches/{id}/results.csv`, in order.
pub const RESULT_COLUMNS: [&str; 6] = ["row", "name", "outcome", "profile_arn", "access", "error"];

impl BatchRow {
    /// The row's cells under [`RESULT_COLUMNS`]: the outcome is the status when the row
    /// did not finish.
    pub fn result_cells(&self) -> [String; 6] {
        let outcome = match self.status {
            RowStatus::Done => self.outcome.clone().unwrap_or_default(),
            other => other.as_str().to_owned(),
        };
        [
            self.row.to_string(),
            self.name.clone(),
            outcome,
            self.profile_arn.clone().unwrap_or_default(),
            self.access.clone().unwrap_or_default(),
            self.error.clone().unwrap_or_default(),
        ]
    }
}
