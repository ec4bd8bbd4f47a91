//! `POST /api/domains/{domain}/profiles/{name}/presigned-url`: a Studio sign-in URL.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use studio_admin_model::{
    AuthMode, CreatePresignedDomainUrlRequest, CreatePresignedDomainUrlResponse,
};

use super::support::{check_model, describe_domain, reconcile};
use crate::error::AppError;
use crate::extract::{Path, StrictJson};
use crate::state::AppState;

/// The presigned-URL route.
pub fn router() -> Router<AppState> {
    Router::new().route(
        "/domains/{domain}/profiles/{name}/presigned-url",
        post(presign),
    )
}

/// The body is a CreatePresignedDomainUrl request (`ExpiresInSeconds`,
/// `SessionExpirationDurationInSeconds`, `SpaceName`, `LandingUri`), or empty; the domain
/// and profile come from the URL. Only IAM-mode domains have presigned URLs.
async fn presign(
    State(state): State<AppState>,
    Path((domain, name)): Path<(String, String)>,
    StrictJson(mut request): StrictJson<CreatePresignedDomainUrlRequest>,
) -> Result<Json<CreatePresignedDomainUrlResponse>, AppError> {
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
