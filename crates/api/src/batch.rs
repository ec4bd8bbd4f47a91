//! A team from a file: `POST /api/domains/{domain}/batch/plan` reads a CSV file or a JSON
//! array of CreateUserProfile requests (see `studio_admin_model::table`) and answers what
//! applying it would do, row by row, before anything is sent. `studio-admin plan` prints
//! the same plan.

use serde::{Deserialize, Serialize};
use studio_admin_model::table::{CellProblem, RowProblem};

/// The body of `POST /api/domains/{domain}/batch/plan`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanBody {
    /// The file's text: CSV with a header row, or a JSON array.
    pub file: String,
    /// Only create: rows whose profile exists with other settings are left as they are
    /// instead of updated.
    #[serde(default)]
    pub create_only: bool,
}

/// What applying a row would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    /// No profile of that name: CreateUserProfile.
    Create,
    /// The profile exists with the row's settings: nothing is sent.
    Unchanged,
    /// The profile exists with other settings: UpdateUserProfile with the row's
    /// settings (left alone when the plan is create-only).
    Update,
    /// The row has an error: nothing is sent for it.
    Invalid,
}

impl RowAction {
    /// The word the plan shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Unchanged => "unchanged",
            Self::Update => "update",
            Self::Invalid => "invalid",
        }
    }
}

/// One row of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    /// 1-based row number (the header not counted).
    pub row: usize,
    /// The file line it starts on (CSV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The profile name, as the row spells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What applying would do.
    pub action: RowAction,
    /// For `update`: the members whose value differs from the profile's (paths).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    /// Problems at their columns: errors (the row is `invalid`) and warnings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<RowProblem>,
}

/// How many rows of each kind a plan has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCounts {
    /// Rows to create.
    pub create: usize,
    /// Rows to update (or left alone when create-only).
    pub update: usize,
    /// Rows already as asked.
    pub unchanged: usize,
    /// Rows with an error.
    pub invalid: usize,
}

impl PlanCounts {
    /// Counts the rows' actions.
    pub fn of(rows: &[PlanRow]) -> Self {
        let mut counts = Self::default();
        for row in rows {
            match row.action {
                RowAction::Create => counts.create += 1,
                RowAction::Update => counts.update += 1,
                RowAction::Unchanged => counts.unchanged += 1,
                RowAction::Invalid => counts.invalid += 1,
            }
        }
        counts
    }
}

/// The answer of `POST /api/domains/{domain}/batch/plan` (200 whenever the body could be
/// read, also for a file with problems).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchPlan {
    /// The domain the rows are for.
    pub domain_id: String,
    /// Whether existing profiles are left as they are.
    pub create_only: bool,
    /// The rows' actions counted.
    pub counts: PlanCounts,
    /// Every row, in file order.
    pub rows: Vec<PlanRow>,
    /// Problems of the file itself (unknown columns, no name column, ...); while there is
    /// one, no row can run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<CellProblem>,
}

impl BatchPlan {
    /// Whether applying would change nothing (and nothing is invalid).
    pub fn is_noop(&self) -> bool {
        self.problems.is_empty()
            && self.counts.invalid == 0
            && self.counts.create == 0
            && (self.counts.update == 0 || self.create_only)
    }

    /// Whether anything stops the plan from being applied as a whole.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || self.counts.invalid > 0
    }
}
