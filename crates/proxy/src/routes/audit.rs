//! The audit log, for admins.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/audit?actor=&action=&domain=&outcome=&since=&until=&before=&limit=` | `{"entries": [...], "next"?}`, newest first |
//! | `GET /api/audit/export?format=csv\|json&` (same filters, no paging) | an attachment |

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use studio_admin_api::{AuditPage, AuditQuery, ExportFormat, Permission};

use super::ApiRoutes;

use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::Query;
use crate::state::AppState;
use crate::store::AuditFilter;

/// Entries per page when `limit` is not given.
const DEFAULT_LIMIT: i64 = 100;
/// Most entries per page.
const MAX_LIMIT: i64 = 500;

/// The audit routes.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read("/audit", get(list))
        .read("/audit/export", get(export))
}

/// The store's filter of a query's filters (paging comes separately).
fn filter(query: &AuditQuery) -> AuditFilter {
    let given = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    AuditFilter {
        actor: given(&query.actor),
        action: query.action,
        domain_id: given(&query.domain),
        outcome: query.outcome,
        since: query.since.map(|t| t.0),
        until: query.until.map(|t| t.0),
        before: query.before,
        limit: query.limit,
    }
}

async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Query(params): Query<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    principal.require(Permission::ReadAudit)?;
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
    let mut filter = filter(&params);
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
    Query(mut params): Query<AuditQuery>,
) -> Result<Response, AppError> {
    principal.require(Permission::ReadAudit)?;
    let format = params.format.take().unwrap_or(ExportFormat::Csv);
    // The export has every match: paging parameters a page's query carried are ignored.
    params.limit = None;
    params.before = None;
    let entries = state.store.audit(&filter(&params)).await?;
    let (body, content_type, extension) = match format {
        ExportFormat::Csv => (
            crate::audit::csv::render(&entries),
            "text/csv; charset=utf-8",
            "csv",
        ),
        ExportFormat::Json => (
            serde_json::json!({ "entries": entries }).to_string(),
            "application/json",
            "json",
        ),
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
