//! Rows of the `audit` table: appended, never changed; read newest first with filters.

use sqlx::Row as _;
use sqlx::any::AnyRow;
use studio_admin_api::{AuditAction, AuditEntry, AuditOutcome, EpochMillis, Role};

use super::{Store, StoreError, known};

/// An entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    /// When (epoch ms).
    pub at: i64,
    /// Who (`-` when nobody is known).
    pub actor: String,
    /// Their role.
    pub role: Option<Role>,
    /// The client's address.
    pub source_ip: Option<String>,
    /// What was done.
    pub action: AuditAction,
    /// The domain acted in.
    pub domain_id: Option<String>,
    /// The profile name, request id or job id acted on.
    pub target: Option<String>,
    /// The ARN of the resource.
    pub arn: Option<String>,
    /// A JSON object describing the change (no secrets).
    pub summary: Option<serde_json::Value>,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// The HTTP status of the answer.
    pub status: u16,
    /// The error message of a refusal or failure.
    pub message: Option<String>,
    /// The request's id (`X-Request-Id`).
    pub request_id: Option<String>,
}

/// Which entries to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only this actor (case-insensitive).
    pub actor: Option<String>,
    /// Only this action.
    pub action: Option<AuditAction>,
    /// Only this domain.
    pub domain_id: Option<String>,
    /// Only this outcome.
    pub outcome: Option<AuditOutcome>,
    /// Only entries at or after this time (epoch ms).
    pub since: Option<i64>,
    /// Only entries before this time (epoch ms).
    pub until: Option<i64>,
    /// Only entries older than this id (paging).
    pub before: Option<i64>,
    /// At most this many (`None`: all).
    pub limit: Option<i64>,
}

impl Store {
    /// Appends an entry.
    pub async fn insert_audit(&self, entry: &NewAuditEntry) -> Result<i64, StoreError> {
        let id = sqlx::query_scalar(
            "INSERT INTO audit (at, actor, role, source_ip, action, domain_id, target, arn,
                                summary, outcome, status, message, request_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(entry.at)
        .bind(&entry.actor)
        .bind(entry.role.map(Role::as_str))
        .bind(&entry.source_ip)
        .bind(entry.action.as_str())
        .bind(&entry.domain_id)
        .bind(&entry.target)
        .bind(&entry.arn)
        .bind(entry.summary.as_ref().map(ToString::to_string))
        .bind(entry.outcome.as_str())
        .bind(i64::from(entry.status))
        .bind(&entry.message)
        .bind(&entry.request_id)
        .fetch_one(self.pool().await?)
        .await?;
        Ok(id)
    }

    /// Deletes the entries older than `before` (epoch ms); how many went.
    pub async fn prune_audit(&self, before: i64) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM audit WHERE at < $1")
            .bind(before)
            .execute(self.pool().await?)
            .await?;
        Ok(done.rows_affected())
    }

    /// Entries matching `filter`, newest first.
    pub async fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM audit
             WHERE ($1 IS NULL OR lower(actor) = lower($1))
               AND ($2 IS NULL OR action = $2)
               AND ($3 IS NULL OR domain_id = $3)
               AND ($4 IS NULL OR outcome = $4)
               AND ($5 IS NULL OR at >= $5)
               AND ($6 IS NULL OR at < $6)
               AND ($7 IS NULL OR id < $7)
             ORDER BY id DESC LIMIT $8",
        )
        .bind(&filter.actor)
        .bind(filter.action.map(AuditAction::as_str))
        .bind(&filter.domain_id)
        .bind(filter.outcome.map(AuditOutcome::as_str))
        .bind(filter.since)
        .bind(filter.until)
        .bind(filter.before)
        .bind(filter.limit.unwrap_or(i64::MAX))
        .fetch_all(self.pool().await?)
        .await?;
        rows.iter().map(entry_from_row).collect()
    }
}

fn entry_from_row(row: &AnyRow) -> Result<AuditEntry, StoreError> {
    let summary: Option<String> = row.try_get("summary")?;
    let summary = summary
        .map(|text| known(text, "audit summary", |t| serde_json::from_str(t).ok()))
        .transpose()?;
    let status: i64 = row.try_get("status")?;
    let role: Option<String> = row.try_get("role")?;
    Ok(AuditEntry {
        id: row.try_get("id")?,
        at: EpochMillis(row.try_get("at")?),
        actor: row.try_get("actor")?,
        role: role
            .map(|r| known(r, "audit role", |r| r.parse().ok()))
            .transpose()?,
        source_ip: row.try_get("source_ip")?,
        action: known(row.try_get("action")?, "audit action", AuditAction::parse)?,
        domain_id: row.try_get("domain_id")?,
        target: row.try_get("target")?,
        arn: row.try_get("arn")?,
        summary,
        outcome: known(
            row.try_get("outcome")?,
            "audit outcome",
            AuditOutcome::parse,
        )?,
        status: u16::try_from(status).unwrap_or_default(),
        message: row.try_get("message")?,
        request_id: row.try_get("request_id")?,
    })
}
