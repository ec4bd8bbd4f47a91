//! Deleting a profile: what a delete would remove and keep, and starting the delete job.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/domains/{domain}/profiles/{name}/delete-plan` | the plan, read from SageMaker now (SSO domains: with the person's Studio access) |
//! | `DELETE /api/domains/{domain}/profiles/{name}?keep_access=` | 202 with the job (the running one, if any) |

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use studio_admin_api::{AuditAction, DeleteQuery, Permission};

use super::ApiRoutes;
use super::allowed::{Allowed, need};
use crate::audit::Note;
use crate::error::AppError;

use crate::auth::Principal;
use crate::extract::{Path, Query};
use crate::identity;
use crate::jobs::{DeletePlan, PlanAccess};
use crate::state::AppState;

use super::directory::directory_of;

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

/// Leads of the domain and admins only (only they may delete). In SSO domains the plan
/// says how the person reaches Studio now: their own assignment (which the delete removes
/// unless kept) and their assigned groups (which it never changes).
async fn plan(
    State(state): State<AppState>,
    Allowed {
        path: (domain, name),
        ..
    }: Allowed<need::ChangeProfiles, (String, String)>,
) -> Result<Json<DeletePlan>, AppError> {
    let mut plan = state.jobs.plan(&domain, &name).await?;
    if let Some(access) = plan.access.as_mut() {
        // The plan is shown even when IAM Identity Center cannot be asked: the delete
        // itself does not need it until its last step.
        if let Err(e) = read_access(&state, &domain, access).await {
            tracing::warn!(domain = %domain, profile = %name, error = %e, "cannot read the person's Studio access");
            access.error = Some(e.to_string());
        }
    }
    Ok(Json(plan))
}

/// Fills in how `access.user_name` reaches Studio now.
async fn read_access(
    state: &AppState,
    domain: &str,
    access: &mut PlanAccess,
) -> Result<(), AppError> {
    let Some(directory) = directory_of(state, domain).await? else {
        return Ok(());
    };
    let client = &state.sagemaker;
    let Some(user_id) = identity::user_id(client, &directory, &access.user_name).await? else {
        access.error = Some(format!(
            "{} is not in the domain's IAM Identity Center directory",
            access.user_name
        ));
        return Ok(());
    };
    let reach = identity::reach(client, &directory, &user_id).await?;
    *access = reach.plan(&access.user_name);
    Ok(())
}

/// Starts the delete job, or answers with the one already running for the profile: 202
/// either way, with `Location` naming the job. Leads of the domain and admins only.
async fn start(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path((domain, name)): Path<(String, String)>,
    Query(query): Query<DeleteQuery>,
) -> Result<Response, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    let (job, created) = state
        .jobs
        .delete_profile_with(&domain, &name, query.keep_access)
        .await?;
    note.set_summary(serde_json::json!({
        "job_id": job.job.id,
        "new_job": created,
        "keep_access": job.job.keep_access,
    }));
    let location = HeaderValue::from_str(&format!("/api/jobs/{}", job.job.id))
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let mut response = (StatusCode::ACCEPTED, Json(job)).into_response();
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}
