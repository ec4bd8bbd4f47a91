//! The audit log, for admins.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/audit?actor=&action=&domain=&outcome=&since=&until=&before=&limit=` | `{"entries": [...], "next"?}`, newest first |
//! | `GET /api/audit/export?format=csv\|json&` (same filters, no paging) | an attachment |

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::auth::{Principal, Role};
use crate::error::AppError;
use crate::extract::Query;
use crate::state::AppState;
use crate::store::{AuditEntry, AuditFilter};

/// Entries per page when `limit` is not given.
const DEFAULT_LIMIT: i64 = 100;
/// Most entries per page.
const MAX_LIMIT: i64 = 500;

/// The audit routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/audit", get(list))
        .route("/audit/export", get(export))
}

/// Filters shared by the list and the export; unknown parameters are refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    actor: Option<String>,
    action: Option<String>,
    domain: Option<String>,
    outcome: Option<String>,
    since: Option<i64>,
    until: Option<i64>,
    before: Option<i64>,
    limit: Option<i64>,
    format: Option<String>,
}

impl Params {
    fn filter(self) -> Result<AuditFilter, AppError> {
        let given = |v: Option<String>| v.filter(|s| !s.is_empty());
        let outcome = given(self.outcome);
        if let Some(outcome) = &outcome
            && !["ok", "refused", "failed"].contains(&outcome.as_str())
        {
            return Err(AppError::BadRequest(format!(
                "outcome {outcome:?} is not one of ok, refused, failed"
            )));
        }
        Ok(AuditFilter {
            actor: given(self.actor),
            action: given(self.action),
            domain_id: given(self.domain),
            outcome,
            since: self.since,
            until: self.until,
            before: self.before,
            limit: self.limit,
        })
    }
}

/// One page of `GET /api/audit`.
#[derive(Debug, Serialize)]
pub struct AuditPage {
    /// The entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<i64>,
}

async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Query(params): Query<Params>,
) -> Result<Json<AuditPage>, AppError> {
    principal.require(Role::Admin)?;
    if params.format.is_some() {
        return Err(AppError::BadRequest(
            "format belongs to /api/audit/export".to_owned(),
        ));
    }
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::BadRequest(format!(
            "limit {limit} is outside 1 to {MAX_LIMIT}"
        )));
    }
    let mut filter = params.filter()?;
    // One more than asked tells whether another page follows.
    filter.limit = Some(limit + 1);
    let mut entries = state.store.audit(&filter).await?;
    let more = entries.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    entries.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = more.then(|| entries.last().map(|e| e.id)).flatten();
    Ok(Json(AuditPage { entries, next }))
}

async fn export(
    State(state): State<AppState>,
    principal: Principal,
    Query(mut params): Query<Params>,
) -> Result<Response, AppError> {
    principal.require(Role::Admin)?;
    let format = params.format.take().unwrap_or_else(|| "csv".to_owned());
    // The export has every match: paging parameters a page's query carried are ignored.
    params.limit = None;
    params.before = None;
    let entries = state.store.audit(&params.filter()?).await?;
    let (body, content_type, extension) = match format.as_str() {
        "csv" => (
            crate::audit::csv::render(&entries),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "json" => (
            serde_json::json!({ "entries": entries }).to_string(),
            "application/json",
            "json",
        ),
        other => {
            return Err(AppError::BadRequest(format!(
                "format {other:?} is not csv or json"
            )));
        }
    };
    let disposition = format!("attachment; filename=\"studio-admin-audit.{extension}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
