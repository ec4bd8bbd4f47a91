//! Team files applied as durable batches (see [`crate::batch::BatchEngine`]). Leads of
//! the domain and admins start, cancel and retry them; everyone who sees the domain may
//! follow them.
//!
//! | route | answer |
//! |---|---|
//! | `POST /api/domains/{domain}/batches` `{"file", "create_only"?}` | 202 with the batch (planned again first; 422 when a row is invalid) |
//! | `GET /api/domains/{domain}/batches` | `BatchList`, newest first |
//! | `GET /api/domains/{domain}/batches/{id}` | `BatchDetail`: the batch and every row |
//! | `GET /api/domains/{domain}/batches/{id}/events` | `batch` events: every row first, then the rows that changed, until it finishes |
//! | `GET /api/domains/{domain}/batches/{id}/results.csv` | every row's outcome as CSV |
//! | `POST /api/domains/{domain}/batches/{id}/cancel` | 202 with the batch: no more rows start |
//! | `POST /api/domains/{domain}/batches/{id}/retry` | 202 with the batch: its failed and cancelled rows run again |

use std::collections::HashMap;
use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::handler::Handler;
use axum::http::{Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use studio_admin_api::{
    AuditAction, BatchDetail, BatchList, BatchPlan, BatchRow, EpochMillis, PlanBody,
    RESULT_COLUMNS, RowAction,
};
use studio_admin_model::table;
use studio_admin_model::{Problem, ProblemKind, Report, Severity};

use super::ApiRoutes;
use super::allowed::{Allowed, need};
use super::batch::{FILE_LIMIT, plan_file};
use crate::audit::Note;
use crate::auth::{Principal, SessionContext};
use crate::batch::{BatchEngine, work_of};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{NewBatch, NewBatchRow};

/// The batch routes, relative to `/api`.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .change(
            AuditAction::BatchApply,
            Method::POST,
            "/domains/{domain}/batches",
            Handler::<_, AppState>::layer(start, DefaultBodyLimit::max(FILE_LIMIT)),
        )
        .read(Method::GET, "/domains/{domain}/batches", list)
        .read(Method::GET, "/domains/{domain}/batches/{id}", detail)
        .read(Method::GET, "/domains/{domain}/batches/{id}/events", events)
        .read(
            Method::GET,
            "/domains/{domain}/batches/{id}/results.csv",
            results,
        )
        .change(
            AuditAction::BatchCancel,
            Method::POST,
            "/domains/{domain}/batches/{id}/cancel",
            cancel,
        )
        .change(
            AuditAction::BatchRetry,
            Method::POST,
            "/domains/{domain}/batches/{id}/retry",
            retry,
        )
}

/// Plans the file again (the profiles may have changed since the lead saw the plan) and,
/// when every row is valid, stores the batch and starts it.
async fn start(
    State(state): State<AppState>,
    Allowed { path: domain, .. }: Allowed<need::ChangeProfiles>,
    principal: Principal,
    note: Note,
    crate::extract::StrictJson(body): crate::extract::StrictJson<PlanBody>,
) -> Result<(StatusCode, Json<BatchDetail>), AppError> {
    let (plan, requests) = plan_file(&state, &domain, &body).await?;
    if plan.has_problems() {
        return Err(AppError::Validation(problems_of(&plan)));
    }
    let mut rows: Vec<NewBatchRow> = Vec::with_capacity(plan.rows.len());
    for row in &plan.rows {
        if row.action == RowAction::Unchanged {
            rows.push(NewBatchRow {
                row: row.row,
                name: row.name.clone().unwrap_or_default(),
                action: row.action,
                request: String::from("{}"),
            });
        }
    }
    for work in work_of(&plan, requests) {
        rows.push(NewBatchRow {
            row: work.row,
            name: work.name,
            action: work.action,
            request: serde_json::to_string(&work.request)
                .map_err(|e| AppError::BadRequest(format!("a row cannot be stored: {e}")))?,
        });
    }
    rows.sort_by_key(|r| r.row);
    let new = NewBatch {
        domain_id: domain.clone(),
        create_only: body.create_only,
        created_by: principal.name.clone(),
        rows,
    };
    let detail = state.batches.create(&new).await?;
    note.set_domain(&domain);
    note.set_target(format!("batch {}", detail.batch.id));
    note.set_summary(serde_json::json!({
        "batch": detail.batch.id,
        "rows": detail.batch.counts.total,
        "create": plan.counts.create,
        "update": plan.counts.update,
        "unchanged": plan.counts.unchanged,
        "create_only": body.create_only,
    }));
    Ok((StatusCode::ACCEPTED, Json(detail)))
}

/// Every problem of a plan, each at its row (or line and column) and member.
fn problems_of(plan: &BatchPlan) -> Report {
    let problem = |path: String, message: &str| Problem {
        path,
        message: message.to_owned(),
        severity: Severity::Error,
        kind: ProblemKind::Rule,
    };
    let mut problems: Vec<Problem> = plan
        .problems
        .iter()
        .map(|p| {
            let line = p.line.map(|l| format!("line {l}")).unwrap_or_default();
            let column = p.column.clone().unwrap_or_default();
            problem(format!("{line} {column}").trim().to_owned(), &p.message)
        })
        .collect();
    for row in &plan.rows {
        for p in row
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
        {
            problems.push(problem(format!("row {}: {}", row.row, p.path), &p.message));
        }
    }
    Report { problems }
}

async fn list(
    State(engine): State<BatchEngine>,
    Allowed { path: domain, .. }: Allowed<need::Read>,
) -> Result<Json<BatchList>, AppError> {
    Ok(Json(BatchList {
        batches: engine.batches(&domain).await?,
    }))
}

async fn detail(
    State(engine): State<BatchEngine>,
    Allowed {
        path: (domain, id), ..
    }: Allowed<need::Read, (String, i64)>,
) -> Result<Json<BatchDetail>, AppError> {
    Ok(Json(engine.batch(&domain, id).await?))
}

async fn cancel(
    State(engine): State<BatchEngine>,
    Allowed {
        path: (domain, id), ..
    }: Allowed<need::ChangeProfiles, (String, i64)>,
    note: Note,
) -> Result<(StatusCode, Json<BatchDetail>), AppError> {
    note.set_target(format!("batch {id}"));
    Ok((
        StatusCode::ACCEPTED,
        Json(engine.cancel(&domain, id).await?),
    ))
}

async fn retry(
    State(engine): State<BatchEngine>,
    Allowed {
        path: (domain, id), ..
    }: Allowed<need::ChangeProfiles, (String, i64)>,
    note: Note,
) -> Result<(StatusCode, Json<BatchDetail>), AppError> {
    note.set_target(format!("batch {id}"));
    Ok((StatusCode::ACCEPTED, Json(engine.retry(&domain, id).await?)))
}

/// Every row's outcome as CSV, under the contract's `RESULT_COLUMNS`.
async fn results(
    State(engine): State<BatchEngine>,
    Allowed {
        path: (domain, id), ..
    }: Allowed<need::Read, (String, i64)>,
) -> Result<impl IntoResponse, AppError> {
    let detail = engine.batch(&domain, id).await?;
    let header = RESULT_COLUMNS.map(str::to_owned);
    let cells: Vec<Vec<String>> = detail
        .rows
        .iter()
        .map(|row| row.result_cells().to_vec())
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"batch-{id}-results.csv\""),
            ),
        ],
        table::write(&header, &cells),
    ))
}

/// How often an open stream reads the batch again.
const POLL: Duration = Duration::from_millis(500);
/// How often an open stream checks that its session still signs its browser in.
const SESSION_CHECK: Duration = Duration::from_secs(5);

/// The batch's progress as Server-Sent Events named `batch`: every row first, then each
/// time something changed, the batch and the rows that changed. The batch is read from
/// the database, so a stream on any replica follows a batch run on another. The stream
/// ends after the event that shows the batch finished, when the session ends, and when
/// the server stops.
async fn events(
    State(state): State<AppState>,
    Allowed {
        path: (domain, id), ..
    }: Allowed<need::Read, (String, i64)>,
    principal: Principal,
    context: SessionContext,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let first = state.batches.batch(&domain, id).await?;
    let session = context
        .token_digest
        .clone()
        .unwrap_or_else(|| format!("user:{}", principal.name));
    let permit = state
        .streams
        .enter(&session)
        .ok_or(AppError::TooManyStreams)?;
    let follow = Follow {
        state,
        context,
        domain,
        id,
        seen: HashMap::new(),
        batch_seen: None,
        first: Some(first),
        finished: false,
        checks: tokio::time::interval_at(
            tokio::time::Instant::now() + SESSION_CHECK,
            SESSION_CHECK,
        ),
        _permit: permit,
    };
    let stream = stream::unfold(follow, |mut follow| async move {
        let event = follow.next().await?;
        Some((Ok(event), follow))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

/// What one open stream holds between events.
struct Follow {
    state: AppState,
    context: SessionContext,
    domain: String,
    id: i64,
    /// When each row last changed, as sent.
    seen: HashMap<usize, EpochMillis>,
    /// The batch as last sent (its counts and status).
    batch_seen: Option<studio_admin_api::Batch>,
    /// The whole batch, sent first.
    first: Option<BatchDetail>,
    /// The last event showed the batch finished.
    finished: bool,
    checks: tokio::time::Interval,
    _permit: crate::streams::StreamPermit,
}

impl Follow {
    /// The next event: what changed; `None` when the stream ends.
    async fn next(&mut self) -> Option<Event> {
        if self.finished {
            return None;
        }
        if let Some(first) = self.first.take() {
            return Some(self.send(&first));
        }
        loop {
            tokio::select! {
                () = self.state.shutdown.started() => return None,
                _ = self.checks.tick() => {
                    if !self.state.auth.session_alive(&self.context).await.unwrap_or(false) {
                        return None;
                    }
                }
                () = tokio::time::sleep(POLL) => {
                    let now = self.state.batches.batch(&self.domain, self.id).await.ok()?;
                    let rows: Vec<BatchRow> = now
                        .rows
                        .into_iter()
                        .filter(|r| self.seen.get(&r.row) != Some(&r.updated_at))
                        .collect();
                    if !rows.is_empty() || self.batch_seen.as_ref() != Some(&now.batch) {
                        return Some(self.send(&BatchDetail { batch: now.batch, rows }));
                    }
                }
            }
        }
    }

    fn send(&mut self, detail: &BatchDetail) -> Event {
        for row in &detail.rows {
            self.seen.insert(row.row, row.updated_at);
        }
        self.finished = detail.batch.status.is_finished();
        self.batch_seen = Some(detail.batch.clone());
        match serde_json::to_string(detail) {
            Ok(data) => Event::default().event("batch").data(data),
            Err(e) => Event::default().comment(format!("event could not be encoded: {e}")),
        }
    }
}
