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

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream::{self, Stream, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast::error::RecvError;

use crate::audit::Note;
use crate::auth::{Principal, Role};
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::jobs::{
    CallStop, Job, JobDetail, JobEngine, JobEvent, JobFilter, JobStatus, JobsError, SageMakerCalls,
};
use crate::sagemaker::{SageMakerError, ServiceError};

/// The job routes, relative to `/api`, for any state the engine can be taken from.
pub fn router<S, C>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    C: SageMakerCalls,
    JobEngine<C>: FromRef<S>,
{
    Router::new()
        .route("/jobs", get(list::<C>))
        .route("/jobs/{id}", get(detail::<C>))
        .route("/jobs/{id}/events", get(events::<C>))
        .route("/jobs/{id}/cancel", post(cancel::<C>))
        .route("/jobs/{id}/retry", post(retry::<C>))
}

/// Query of `GET /api/jobs`; unknown parameters are refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListParams {
    /// Only jobs of this domain.
    domain: Option<String>,
    /// Only jobs of this profile (case-insensitive, like SageMaker's names).
    profile: Option<String>,
    /// `running`, `succeeded`, `failed` or `cancelled`.
    status: Option<String>,
    /// At most this many jobs (1 to 500).
    limit: Option<i64>,
}

/// The answer of `GET /api/jobs`.
#[derive(Debug, Serialize)]
pub struct JobList {
    /// The jobs, newest first, without their steps.
    pub jobs: Vec<Job>,
}

async fn list<C: SageMakerCalls>(
    State(engine): State<JobEngine<C>>,
    principal: Principal,
    Query(params): Query<ListParams>,
) -> Result<Json<JobList>, JobsApiError> {
    if let Some(domain) = params.domain.as_deref().filter(|d| !d.is_empty()) {
        principal.require_in(Role::Viewer, domain)?;
    }
    let status = match params.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(JobStatus::parse(text).ok_or_else(|| {
            AppError::BadRequest(format!(
                "status {text:?} is not one of running, succeeded, failed, cancelled"
            ))
        })?),
    };
    if let Some(limit) = params.limit
        && !(1..=crate::jobs::MAX_LISTED_JOBS).contains(&limit)
    {
        return Err(AppError::BadRequest(format!(
            "limit {limit} is outside 1 to {}",
            crate::jobs::MAX_LISTED_JOBS
        ))
        .into());
    }
    let filter = JobFilter {
        domain_id: params.domain.filter(|s| !s.is_empty()),
        profile_name: params.profile.filter(|s| !s.is_empty()),
        status,
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
async fn job_for<C: SageMakerCalls>(
    engine: &JobEngine<C>,
    principal: &Principal,
    role: Role,
    id: i64,
    note: Option<&Note>,
) -> Result<JobDetail, JobsApiError> {
    let job = engine.job(id).await?;
    if let Some(note) = note {
        note.set_domain(&job.job.domain_id);
        note.set_summary(serde_json::json!({ "profile": job.job.profile_name }));
    }
    principal.require_in(role, &job.job.domain_id)?;
    Ok(job)
}

async fn detail<C: SageMakerCalls>(
    State(engine): State<JobEngine<C>>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<JobDetail>, JobsApiError> {
    Ok(Json(
        job_for(&engine, &principal, Role::Viewer, id, None).await?,
    ))
}

async fn cancel<C: SageMakerCalls>(
    State(engine): State<JobEngine<C>>,
    principal: Principal,
    note: Note,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<JobDetail>), JobsApiError> {
    job_for(&engine, &principal, Role::Lead, id, Some(&note)).await?;
    Ok((StatusCode::ACCEPTED, Json(engine.cancel(id).await?)))
}

async fn retry<C: SageMakerCalls>(
    State(engine): State<JobEngine<C>>,
    principal: Principal,
    note: Note,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<JobDetail>), JobsApiError> {
    job_for(&engine, &principal, Role::Lead, id, Some(&note)).await?;
    Ok((StatusCode::ACCEPTED, Json(engine.retry(id).await?)))
}

/// The job's progress as Server-Sent Events: the whole job first (`snapshot`), so that a
/// page reloaded mid-job catches up, then each change (`job`, `step`) as it is stored. A
/// watcher that falls behind is sent a fresh `snapshot`. The stream stays open after the
/// job ends (a retry makes it move again); comments keep idle connections alive.
async fn events<C: SageMakerCalls>(
    State(engine): State<JobEngine<C>>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, JobsApiError> {
    job_for(&engine, &principal, Role::Viewer, id, None).await?;
    // Subscribe before reading, so that no change falls between the snapshot and the feed.
    let receiver = engine.subscribe(id);
    let snapshot = JobEvent::Snapshot {
        job: engine.job(id).await?,
    };
    let changes = stream::unfold(
        (receiver, engine),
        move |(mut receiver, engine)| async move {
            let event = match receiver.recv().await {
                Ok(event) => event,
                Err(RecvError::Lagged(_)) => JobEvent::Snapshot {
                    job: engine.job(id).await.ok()?,
                },
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
    let data = match event {
        JobEvent::Snapshot { job } => serde_json::to_string(job),
        JobEvent::Job { job } => serde_json::to_string(job),
        JobEvent::Step { step } => serde_json::to_string(step),
    };
    match data {
        Ok(data) => Event::default().event(event.name()).data(data),
        // Our own records always serialize; should one not, say so instead of dropping it.
        Err(e) => Event::default().comment(format!("event could not be encoded: {e}")),
    }
}

/// How the job and delete routes answer when something goes wrong: the API's one error
/// shape, through [`AppError`] wherever it has the case.
#[derive(Debug)]
pub struct JobsApiError(ErrorKind);

#[derive(Debug)]
enum ErrorKind {
    App(AppError),
    NotFound(String),
    Internal(String),
}

impl From<AppError> for JobsApiError {
    fn from(e: AppError) -> Self {
        Self(ErrorKind::App(e))
    }
}

impl From<JobsError> for JobsApiError {
    fn from(e: JobsError) -> Self {
        let message = e.to_string();
        Self(match e {
            JobsError::Invalid(report) => ErrorKind::App(AppError::Validation(report)),
            JobsError::JobNotFound(_) => ErrorKind::NotFound(message),
            JobsError::ProfileNotFound { .. } => {
                ErrorKind::App(AppError::SageMaker(SageMakerError::Service {
                    operation: "DescribeUserProfile",
                    error: ServiceError {
                        status: 400,
                        code: "ResourceNotFound".to_owned(),
                        message,
                        request_id: None,
                    },
                }))
            }
            JobsError::NotRunning { .. }
            | JobsError::NotRetryable { .. }
            | JobsError::ProfileBusy { .. } => ErrorKind::App(AppError::Conflict(message)),
            JobsError::SageMaker(stop) => {
                ErrorKind::App(AppError::SageMaker(sagemaker_error(stop)))
            }
            JobsError::Store(e) => {
                tracing::error!(error = %e, "job database error");
                ErrorKind::Internal("the job database failed; see the proxy's log".to_owned())
            }
        })
    }
}

/// A call that gave up, as the client's error (so it maps to a status like every other
/// SageMaker failure).
fn sagemaker_error(stop: CallStop) -> SageMakerError {
    match stop {
        CallStop::Aws(e) | CallStop::TimedOut(Some(e)) if e.code.is_some() => {
            SageMakerError::Service {
                operation: e.operation,
                error: ServiceError {
                    status: e.status.unwrap_or(400),
                    code: e.code.unwrap_or_default(),
                    message: e.message,
                    request_id: None,
                },
            }
        }
        CallStop::Aws(e) | CallStop::TimedOut(Some(e)) => SageMakerError::Transport {
            operation: e.operation,
            endpoint: String::new(),
            message: e.message,
        },
        CallStop::TimedOut(None) => SageMakerError::Timeout {
            operation: "DescribeUserProfile",
            attempts: 1,
            per_attempt: std::time::Duration::from_secs(30),
        },
    }
}

impl IntoResponse for JobsApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self.0 {
            ErrorKind::App(e) => return e.into_response(),
            ErrorKind::NotFound(message) => (StatusCode::NOT_FOUND, message),
            ErrorKind::Internal(message) => (StatusCode::INTERNAL_SERVER_ERROR, message),
        };
        // The same shape as every other API error.
        let body = serde_json::json!({
            "errors": [{"path": "", "message": message, "severity": "error"}]
        });
        let mut response = (status, Json(body)).into_response();
        response.extensions_mut().insert(crate::error::ErrorInfo {
            message,
            from_aws: false,
        });
        response
    }
}
