//! Delete jobs: list, detail, live progress (Server-Sent Events), cancel and retry.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/jobs?domain=&profile=&status=&limit=` | `{"jobs": [...]}`, newest first |
//! | `GET /api/jobs/{id}` | the job with its steps |
//! | `GET /api/jobs/{id}/events` | `snapshot` first, then `job` and `step` changes |
//! | `POST /api/jobs/{id}/cancel` | 202 with the job (it turns `cancelled` shortly) |
//! | `POST /api/jobs/{id}/retry` | 202 with the job, running again |
//!
//! Everyone sees the jobs of their domains; leads of the job's domain and admins may
//! cancel and retry.

use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::extract::{FromRef, FromRequestParts, State};
use axum::http::Method;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use studio_admin_api::{AuditAction, JobDetail, JobEvent, JobList, JobQuery, Permission};
use tokio::sync::broadcast::error::RecvError;

use super::ApiRoutes;
use crate::audit::Note;

use crate::auth::{Principal, SessionContext};
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::jobs::{JobEngine, JobFilter};
use crate::state::AppState;

/// The job routes, relative to `/api`.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(Method::GET, "/jobs", list)
        .read(Method::GET, "/jobs/{id}", detail)
        .read(Method::GET, "/jobs/{id}/events", events)
        .change(
            AuditAction::JobCancel,
            Method::POST,
            "/jobs/{id}/cancel",
            cancel,
        )
        .change(
            AuditAction::JobRetry,
            Method::POST,
            "/jobs/{id}/retry",
            retry,
        )
}

async fn list(
    State(engine): State<JobEngine>,
    principal: Principal,
    Query(params): Query<JobQuery>,
) -> Result<Json<JobList>, AppError> {
    let given = |v: String| Some(v).filter(|s| !s.is_empty());
    if let Some(domain) = given(params.domain.clone()) {
        principal.require_in(Permission::Read, &domain)?;
    }
    if let Some(limit) = params.limit
        && !(1..=crate::jobs::MAX_LISTED_JOBS).contains(&limit)
    {
        return Err(AppError::BadRequest(format!(
            "limit {limit} is outside 1 to {}",
            crate::jobs::MAX_LISTED_JOBS
        )));
    }
    let filter = JobFilter {
        domain_id: given(params.domain),
        profile_name: given(params.profile),
        status: params.status,
        limit: params.limit,
    };
    // Someone limited to some domains gets up to `limit` of *their* jobs: the newest of
    // every domain are read, then filtered, then cut.
    let wanted = filter.limit;
    let filter = if principal.sees_all() {
        filter
    } else {
        JobFilter {
            limit: None,
            ..filter
        }
    };
    let mut jobs = engine.jobs(&filter).await?;
    jobs.retain(|job| principal.sees(&job.domain_id));
    if let Some(wanted) = wanted {
        jobs.truncate(usize::try_from(wanted).unwrap_or(usize::MAX));
    }
    Ok(Json(JobList { jobs }))
}

/// The job, once `principal` may see its domain (as a viewer) or act in it (as `role`).
async fn job_for(
    engine: &JobEngine,
    principal: &Principal,
    permission: Permission,
    id: i64,
    note: Option<&Note>,
) -> Result<JobDetail, AppError> {
    let job = engine.job(id).await?;
    // A job of a domain the caller does not see answers exactly as one that does not
    // exist: ids are sequential, and a refusal would name the other domain.
    if !principal.sees(&job.job.domain_id) {
        return Err(crate::jobs::JobsError::JobNotFound(id).into());
    }
    if let Some(note) = note {
        note.set_domain(&job.job.domain_id);
    }
    principal.require_in(permission, &job.job.domain_id)?;
    if let Some(note) = note {
        note.set_summary(serde_json::json!({ "profile": job.job.profile_name }));
    }
    Ok(job)
}

/// The id of a job the caller may cancel or retry (a lead of its domain, or an admin),
/// checked before the handler runs; the audit log is told which job it is.
struct Changeable(i64);

impl<S> FromRequestParts<S> for Changeable
where
    S: Send + Sync,
    JobEngine: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let principal = Principal::from_request_parts(parts, state).await?;
        let Ok(note) = Note::from_request_parts(parts, state).await;
        let Path(id) = Path::<i64>::from_request_parts(parts, state).await?;
        let engine = JobEngine::from_ref(state);
        let permission = Permission::ChangeProfiles;
        job_for(&engine, &principal, permission, id, Some(&note)).await?;
        Ok(Self(id))
    }
}

async fn detail(
    State(engine): State<JobEngine>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<JobDetail>, AppError> {
    Ok(Json(
        job_for(&engine, &principal, Permission::Read, id, None).await?,
    ))
}

async fn cancel(
    State(engine): State<JobEngine>,
    Changeable(id): Changeable,
) -> Result<(StatusCode, Json<JobDetail>), AppError> {
    Ok((StatusCode::ACCEPTED, Json(engine.cancel(id).await?)))
}

async fn retry(
    State(engine): State<JobEngine>,
    Changeable(id): Changeable,
) -> Result<(StatusCode, Json<JobDetail>), AppError> {
    Ok((StatusCode::ACCEPTED, Json(engine.retry(id).await?)))
}

/// How often an open event stream checks that its session still signs its browser in.
const SESSION_CHECK: Duration = Duration::from_secs(5);

/// The job's progress as Server-Sent Events: the whole job first (`snapshot`), so that a
/// page reloaded mid-job catches up, then each change (`job`, `step`) as it is stored. A
/// watcher that falls behind is sent a fresh `snapshot`. The stream ends once the job has
/// finished (after the event saying so), when its session ends or expires (checked every
/// few seconds), and when the server stops; comments keep idle connections alive. A
/// session holds at most [`STREAMS_PER_SESSION`](crate::streams::STREAMS_PER_SESSION)
/// streams at once.
async fn events(
    State(state): State<AppState>,
    principal: Principal,
    context: SessionContext,
    Path(id): Path<i64>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let engine = state.jobs.clone();
    job_for(&engine, &principal, Permission::Read, id, None).await?;
    let session = context
        .token_digest
        .clone()
        .unwrap_or_else(|| format!("user:{}", principal.name));
    let permit = state
        .streams
        .enter(&session)
        .ok_or(AppError::TooManyStreams)?;
    // Subscribe before reading, so that no change falls between the snapshot and the feed.
    let receiver = engine.subscribe(id);
    let snapshot = JobEvent::Snapshot(engine.job(id).await?);
    let watch = Watch {
        receiver,
        engine,
        state,
        context,
        checks: tokio::time::interval_at(
            tokio::time::Instant::now() + SESSION_CHECK,
            SESSION_CHECK,
        ),
        finished: false,
        _permit: permit,
    };
    let stream = stream::unfold(
        (Some(snapshot), watch),
        move |(first, mut watch)| async move {
            if watch.finished {
                return None;
            }
            let event = match first {
                Some(snapshot) => snapshot,
                None => watch.next(id).await?,
            };
            watch.finished = ends_the_job(&event);
            Some((sse_event(&event), (None, watch)))
        },
    );
    Ok(Sse::new(stream.map(Ok)).keep_alive(KeepAlive::default()))
}

/// What one open event stream holds while it waits for the job's next change.
struct Watch {
    receiver: tokio::sync::broadcast::Receiver<JobEvent>,
    engine: JobEngine,
    state: AppState,
    context: SessionContext,
    checks: tokio::time::Interval,
    /// The last event sent said the job finished: the stream ends.
    finished: bool,
    /// The stream's place among its session's open streams.
    _permit: crate::streams::StreamPermit,
}

impl Watch {
    /// The job's next change; `None` when the stream must end (server stopping, session
    /// over, the job's channel closed).
    async fn next(&mut self, id: i64) -> Option<JobEvent> {
        loop {
            tokio::select! {
                () = self.state.shutdown.started() => return None,
                _ = self.checks.tick() => {
                    if !self.state.auth.session_alive(&self.context).await.unwrap_or(false) {
                        return None;
                    }
                }
                received = self.receiver.recv() => {
                    return match received {
                        Ok(event) => Some(event),
                        Err(RecvError::Lagged(_)) => {
                            Some(JobEvent::Snapshot(self.engine.job(id).await.ok()?))
                        }
                        Err(RecvError::Closed) => None,
                    };
                }
            }
        }
    }
}

/// Whether `event` says the job has finished.
fn ends_the_job(event: &JobEvent) -> bool {
    match event {
        JobEvent::Snapshot(detail) => detail.job.status.is_finished(),
        JobEvent::Job(job) => job.status.is_finished(),
        JobEvent::Step(_) => false,
    }
}

/// One event: its name and, as data, the job or step it carries.
fn sse_event(event: &JobEvent) -> Event {
    match event.data() {
        Ok(data) => Event::default().event(event.name()).data(data),
        // Our own records always serialize; should one not, say so instead of dropping it.
        Err(e) => Event::default().comment(format!("event could not be encoded: {e}")),
    }
}
