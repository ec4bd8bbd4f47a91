//! `POST /api/domains/{domain}/profiles/{name}/presigned-url`: a Studio sign-in URL.

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use studio_admin_model::{
    AuthMode, CreatePresignedDomainUrlRequest, CreatePresignedDomainUrlResponse,
};

use studio_admin_api::{AuditAction, Permission};

use super::ApiRoutes;
use super::support::{check_model, describe_domain, reconcile};
use crate::audit::Note;

use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::{Path, StrictJson};
use crate::state::AppState;

/// The presigned-URL route.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new().change(
        AuditAction::PresignedUrl,
        Method::POST,
        "/domains/{domain}/profiles/{name}/presigned-url",
        presign,
    )
}

/// The body is a CreatePresignedDomainUrl request (`ExpiresInSeconds`,
/// `SessionExpirationDurationInSeconds`, `SpaceName`, `LandingUri`), or empty; the domain
/// and profile come from the URL. Only IAM-mode domains have presigned URLs.
///
/// A presigned URL signs whoever opens it into Studio as the profile's user: only that
/// user (requester and up, in their domains) or an admin may get one. The URL itself is
/// never logged or audited.
async fn presign(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path((domain, name)): Path<(String, String)>,
    StrictJson(mut request): StrictJson<CreatePresignedDomainUrlRequest>,
) -> Result<Json<CreatePresignedDomainUrlResponse>, AppError> {
    if !principal.may_open_studio(&domain, &name) {
        principal.require_in(Permission::RequestOwn, &domain)?;
        return Err(AppError::Forbidden(format!(
            "a presigned URL signs in as {name}: only {name} or an admin may get one"
        )));
    }
    note.set_summary(serde_json::json!({
        "ExpiresInSeconds": request.expires_in_seconds,
        "SessionExpirationDurationInSeconds": request.session_expiration_duration_in_seconds,
        "SpaceName": request.space_name,
    }));
    reconcile(&mut request.domain_id, &domain, "DomainId")?;
    reconcile(&mut request.user_profile_name, &name, "UserProfileName")?;
    check_model(&request)?;
    let described = describe_domain(&state, &domain).await?;
    if described.auth_mode == Some(AuthMode::Sso) {
        return Err(AppError::Conflict(format!(
            "domain {domain} uses IAM Identity Center (SSO): its users sign in through the \
             AWS access portal, and presigned URLs exist only for IAM-mode domains"
        )));
    }
    let url = state
        .sagemaker
        .create_presigned_domain_url(&request)
        .await?;
    tracing::info!(domain = %domain, profile = %name, "issued presigned Studio URL");
    Ok(Json(url))
}
