//! Deleting a profile: what a delete would remove and keep, and starting the delete job.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/domains/{domain}/profiles/{name}/delete-plan` | the plan, read from SageMaker now |
//! | `DELETE /api/domains/{domain}/profiles/{name}` | 202 with the job (the running one, if any) |

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use studio_admin_api::{AuditAction, Permission};

use super::ApiRoutes;
use crate::audit::Note;
use crate::error::AppError;

use crate::auth::Principal;
use crate::extract::Path;
use crate::jobs::{DeletePlan, JobEngine};
use crate::state::AppState;

/// The delete routes, relative to `/api`.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(
            Method::GET,
            "/domains/{domain}/profiles/{name}/delete-plan",
            plan,
        )
        .change(
            AuditAction::ProfileDelete,
            Method::DELETE,
            "/domains/{domain}/profiles/{name}",
            start,
        )
}

/// Leads of the domain and admins only (only they may delete).
async fn plan(
    State(engine): State<JobEngine>,
    principal: Principal,
    Path((domain, name)): Path<(String, String)>,
) -> Result<Json<DeletePlan>, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    Ok(Json(engine.plan(&domain, &name).await?))
}

/// Starts the delete job, or answers with the one already running for the profile: 202
/// either way, with `Location` naming the job. Leads of the domain and admins only.
async fn start(
    State(engine): State<JobEngine>,
    principal: Principal,
    note: Note,
    Path((domain, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    let (job, created) = engine.delete_profile(&domain, &name).await?;
    note.set_summary(serde_json::json!({ "job_id": job.job.id, "new_job": created }));
    let location = HeaderValue::from_str(&format!("/api/jobs/{}", job.job.id))
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let mut response = (StatusCode::ACCEPTED, Json(job)).into_response();
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}
