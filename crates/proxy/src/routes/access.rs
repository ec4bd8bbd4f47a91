//! A profile's Studio access in IAM Identity Center (SSO domains): shown on the profile
//! page, and granted by a lead when the person has none.
//!
//! | route | answer |
//! |---|---|
//! | `POST /api/domains/{domain}/profiles/{name}/access` | `{"kind", "groups"?, "granted", "error"?}`; 409 for a profile without a directory user |

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use studio_admin_api::{AuditAction, StudioAccess};
use studio_admin_model::DescribeUserProfileRequest;

use super::ApiRoutes;
use super::allowed::{Allowed, need};
use super::directory::{directory_of, unknown_user};
use super::support::check_model;
use crate::audit::Note;
use crate::error::AppError;
use crate::identity;
use crate::state::AppState;

/// The access route.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new().change(
        AuditAction::AccessGrant,
        Method::POST,
        "/domains/{domain}/profiles/{name}/access",
        grant,
    )
}

/// How the directory user `user_name` of a profile in `domain` gets into Studio now.
/// Never fails: what could not be found out is the answer's `error`.
pub async fn studio_access(state: &AppState, domain: &str, user_name: &str) -> StudioAccess {
    let directory = match directory_of(state, domain).await {
        Ok(Some(directory)) => directory,
        Ok(None) => return StudioAccess::failed("the domain is not in SSO mode"),
        Err(e) => return StudioAccess::failed(e.to_string()),
    };
    let client = &state.sagemaker;
    let user_id = match identity::user_id(client, &directory, user_name).await {
        Ok(Some(id)) => id,
        Ok(None) => {
            return StudioAccess::failed(format!(
                "there is no user named {user_name:?} in the domain's directory"
            ));
        }
        Err(e) => return StudioAccess::failed(e.to_string()),
    };
    match identity::reach(client, &directory, &user_id).await {
        Ok(reach) => reach.access(),
        Err(e) => StudioAccess::failed(e.to_string()),
    }
}

/// Lets the profile's person into Studio unless they get in already (the same rule as
/// after a create). Leads of the domain and admins only.
async fn grant(
    State(state): State<AppState>,
    note: Note,
    Allowed {
        path: (domain, name),
        ..
    }: Allowed<need::ChangeProfiles, (String, String)>,
) -> Result<Json<StudioAccess>, AppError> {
    let describe = DescribeUserProfileRequest {
        domain_id: Some(domain.clone()),
        user_profile_name: Some(name.clone()),
    };
    check_model(&describe)?;
    let profile = state.sagemaker.describe_user_profile(&describe).await?;
    note.set_arn(profile.user_profile_arn.as_deref());
    let Some(user_name) = profile.single_sign_on_user_value else {
        return Err(AppError::Conflict(format!(
            "profile {name} names no IAM Identity Center user (SingleSignOnUserValue): \
             only profiles of SSO domains get Studio access there"
        )));
    };
    let Some(directory) = directory_of(&state, &domain).await? else {
        return Err(AppError::Conflict(format!(
            "domain {domain} is not in SSO mode"
        )));
    };
    let client = &state.sagemaker;
    let Some(user_id) = identity::user_id(client, &directory, &user_name).await? else {
        return Err(unknown_user(&user_name, &directory));
    };
    let access = identity::grant(client, &directory, &user_id).await;
    note.set_summary(serde_json::json!({ "user": user_name, "access": access.describe() }));
    tracing::info!(domain = %domain, profile = %name, access = %access.describe(), "studio access");
    Ok(Json(access))
}
