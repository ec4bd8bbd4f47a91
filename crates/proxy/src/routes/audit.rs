//! The audit log, for admins.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/audit?actor=&action=&domain=&outcome=&since=&until=&before=&limit=` | `{"entries": [...], "next"?}`, newest first |
//! | `GET /api/audit/export?format=csv\|json&` (same filters, no paging) | an attachment |

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::Method;
use axum::http::header;
use axum::response::{IntoResponse, Response};

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
        .read(Method::GET, "/audit", list)
        .read(Method::GET, "/audit/export", export)
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

/// Entries read from the database per piece of an export.
const EXPORT_BATCH: i64 = 500;

/// Every entry matching the filters, newest first, as an attachment. The answer is
/// streamed a batch at a time, so an export of any size holds one batch in memory.
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
    let mut filter = filter(&params);
    filter.limit = Some(EXPORT_BATCH);
    let (content_type, extension) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        ExportFormat::Json => ("application/json", "json"),
    };
    let disposition = format!("attachment; filename=\"studio-admin-audit.{extension}\"");
    let body = Body::from_stream(export_pieces(state, filter, format));
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// Where an export stream stands.
enum Piece {
    /// The header (CSV) or the opening (JSON) is next.
    Start,
    /// Entries older than this id (none yet: `None`) are next.
    After(Option<i64>),
    /// The closing is written.
    Done,
}

/// The pieces of an export: the opening, one piece per batch of entries, the closing. A
/// database error ends the stream early (the answer's status is sent already), and is
/// logged.
fn export_pieces(
    state: AppState,
    filter: AuditFilter,
    format: ExportFormat,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    futures_util::stream::unfold(Piece::Start, move |piece| {
        let (state, mut filter) = (state.clone(), filter.clone());
        async move {
            match piece {
                Piece::Start => {
                    let opening = match format {
                        ExportFormat::Csv => crate::audit::csv::header(),
                        ExportFormat::Json => b"{\"entries\":[".to_vec(),
                    };
                    Some((Ok(opening), Piece::After(None)))
                }
                Piece::After(before) => {
                    filter.before = before;
                    let entries = match state.store.audit(&filter).await {
                        Ok(entries) => entries,
                        Err(e) => {
                            tracing::error!(error = %e, "the audit export stopped early");
                            return Some((Err(std::io::Error::other(e)), Piece::Done));
                        }
                    };
                    let Some(last) = entries.last().map(|e| e.id) else {
                        let closing = match format {
                            ExportFormat::Csv => Vec::new(),
                            ExportFormat::Json => b"]}".to_vec(),
                        };
                        return Some((Ok(closing), Piece::Done));
                    };
                    let bytes = match format {
                        ExportFormat::Csv => crate::audit::csv::rows(&entries),
                        ExportFormat::Json => json_pieces(&entries, before.is_none()),
                    };
                    Some((Ok(bytes), Piece::After(Some(last))))
                }
                Piece::Done => None,
            }
        }
    })
}

/// Entries as members of the JSON export's array (`first`: no comma before the first).
fn json_pieces(entries: &[studio_admin_api::AuditEntry], first: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 || !first {
            out.push(b',');
        }
        // Our own entries always serialize.
        let _ = serde_json::to_writer(&mut out, entry);
    }
    out
}
