//! Rows of the `audit` table: appended, never changed; read newest first with filters.

use serde::Serialize;
use sqlx::Row as _;
use sqlx::sqlite::SqliteRow;

use super::{Store, StoreError};

/// An entry to append (absent members are left out of the JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewAuditEntry {
    /// When (epoch ms).
    pub at: i64,
    /// Who (`-` when nobody is known).
    pub actor: String,
    /// Their role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The client's address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    /// `profile.create`, `session.sign_in`, ...
    pub action: String,
    /// The domain acted in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    /// The profile name, request id or job id acted on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The ARN of the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// A JSON object describing the change (no secrets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<serde_json::Value>,
    /// `ok`, `refused` or `failed`.
    pub outcome: String,
    /// The HTTP status of the answer.
    pub status: u16,
    /// The error message of a refusal or failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The request's id (`X-Request-Id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// A stored entry, as `GET /api/audit` shows it (the id, then the entry's members).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Increasing with time; `before` in paging.
    pub id: i64,
    /// The rest.
    #[serde(flatten)]
    pub entry: NewAuditEntry,
}

/// Which entries to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only this actor (case-insensitive).
    pub actor: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// Only this domain.
    pub domain_id: Option<String>,
    /// Only this outcome.
    pub outcome: Option<String>,
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
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
        )
        .bind(entry.at)
        .bind(&entry.actor)
        .bind(&entry.role)
        .bind(&entry.source_ip)
        .bind(&entry.action)
        .bind(&entry.domain_id)
        .bind(&entry.target)
        .bind(&entry.arn)
        .bind(entry.summary.as_ref().map(ToString::to_string))
        .bind(&entry.outcome)
        .bind(i64::from(entry.status))
        .bind(&entry.message)
        .bind(&entry.request_id)
        .fetch_one(self.pool().await?)
        .await?;
        Ok(id)
    }

    /// Entries matching `filter`, newest first.
    pub async fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM audit
             WHERE (?1 IS NULL OR actor = ?1 COLLATE NOCASE)
               AND (?2 IS NULL OR action = ?2)
               AND (?3 IS NULL OR domain_id = ?3)
               AND (?4 IS NULL OR outcome = ?4)
               AND (?5 IS NULL OR at >= ?5)
               AND (?6 IS NULL OR at < ?6)
               AND (?7 IS NULL OR id < ?7)
             ORDER BY id DESC LIMIT ?8",
        )
        .bind(&filter.actor)
        .bind(&filter.action)
        .bind(&filter.domain_id)
        .bind(&filter.outcome)
        .bind(filter.since)
        .bind(filter.until)
        .bind(filter.before)
        // SQLite reads a negative LIMIT as no limit.
        .bind(filter.limit.unwrap_or(-1))
        .fetch_all(self.pool().await?)
        .await?;
        rows.iter().map(entry_from_row).collect()
    }
}

fn entry_from_row(row: &SqliteRow) -> Result<AuditEntry, StoreError> {
    let summary: Option<String> = row.try_get("summary")?;
    let summary = summary
        .map(|text| {
            serde_json::from_str(&text).map_err(|_| StoreError::Corrupt {
                what: "audit summary",
                value: text,
            })
        })
        .transpose()?;
    let status: i64 = row.try_get("status")?;
    Ok(AuditEntry {
        id: row.try_get("id")?,
        entry: NewAuditEntry {
            at: row.try_get("at")?,
            actor: row.try_get("actor")?,
            role: row.try_get("role")?,
            source_ip: row.try_get("source_ip")?,
            action: row.try_get("action")?,
            domain_id: row.try_get("domain_id")?,
            target: row.try_get("target")?,
            arn: row.try_get("arn")?,
            summary,
            outcome: row.try_get("outcome")?,
            status: u16::try_from(status).unwrap_or_default(),
            message: row.try_get("message")?,
            request_id: row.try_get("request_id")?,
        },
    })
}
