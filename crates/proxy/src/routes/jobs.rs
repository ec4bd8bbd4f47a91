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

use axum::Json;
use axum::extract::{FromRef, State};
use axum::http::Method;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use studio_admin_api::{AuditAction, JobDetail, JobEvent, JobList, JobQuery, Permission};
use tokio::sync::broadcast::error::RecvError;

use super::ApiRoutes;
use crate::audit::Note;

use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::jobs::{JobEngine, JobFilter};

/// The job routes, relative to `/api`, for any state the engine can be taken from.
pub fn router<S>() -> ApiRoutes<S>
where
    S: Clone + Send + Sync + 'static,
    JobEngine: FromRef<S>,
{
    ApiRoutes::new()
        .read("/jobs", get(list))
        .read("/jobs/{id}", get(detail))
        .read("/jobs/{id}/events", get(events))
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
    if let Some(note) = note {
        note.set_domain(&job.job.domain_id);
        note.set_summary(serde_json::json!({ "profile": job.job.profile_name }));
    }
    principal.require_in(permission, &job.job.domain_id)?;
    Ok(job)
}

/// Checks that `principal` may cancel or retry the job, telling the audit log which
/// job it is.
async fn may_change(
    engine: &JobEngine,
    principal: &Principal,
    note: &Note,
    id: i64,
) -> Result<(), AppError> {
    let permission = Permission::ChangeProfiles;
    job_for(engine, principal, permission, id, Some(note)).await?;
    Ok(())
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
    principal: Principal,
    note: Note,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<JobDetail>), AppError> {
    may_change(&engine, &principal, &note, id).await?;
    Ok((StatusCode::ACCEPTED, Json(engine.cancel(id).await?)))
}

async fn retry(
    State(engine): State<JobEngine>,
    principal: Principal,
    note: Note,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<JobDetail>), AppError> {
    may_change(&engine, &principal, &note, id).await?;
    Ok((StatusCode::ACCEPTED, Json(engine.retry(id).await?)))
}

/// The job's progress as Server-Sent Events: the whole job first (`snapshot`), so that a
/// page reloaded mid-job catches up, then each change (`job`, `step`) as it is stored. A
/// watcher that falls behind is sent a fresh `snapshot`. The stream stays open after the
/// job ends (a retry makes it move again); comments keep idle connections alive.
async fn events(
    State(engine): State<JobEngine>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    job_for(&engine, &principal, Permission::Read, id, None).await?;
    // Subscribe before reading, so that no change falls between the snapshot and the feed.
    let receiver = engine.subscribe(id);
    let snapshot = JobEvent::Snapshot(engine.job(id).await?);
    let changes = stream::unfold(
        (receiver, engine),
        move |(mut receiver, engine)| async move {
            let event = match receiver.recv().await {
                Ok(event) => event,
                Err(RecvError::Lagged(_)) => JobEvent::Snapshot(engine.job(id).await.ok()?),
                Err(RecvError::Closed) => return None,
            };
            Some((sse_event(&event), (receiver, engine)))
        },
    );
    let stream = stream::once(async move { sse_event(&snapshot) }).chain(changes);
    Ok(Sse::new(stream.map(Ok)).keep_alive(KeepAlive::default()))
}

/// One event: its name and, as data, the job or step it carries.
fn sse_event(event: &JobEvent) -> Event {
    match event.data() {
        Ok(data) => Event::default().event(event.name()).data(data),
        // Our own records always serialize; should one not, say so instead of dropping it.
        Err(e) => Event::default().comment(format!("event could not be encoded: {e}")),
    }
}
