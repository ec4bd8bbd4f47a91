//! `POST /api/validate`: validates a CreateUserProfile body without creating anything.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde::Serialize;
use studio_admin_model::{CreateUserProfileRequest, DomainContext, Problem, validate};

use super::support::{describe_domain, has_error_at};
use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::StrictJson;
use crate::state::AppState;

/// The validate route.
pub fn router() -> Router<AppState> {
    Router::new().route("/validate", post(validate_only))
}

/// The answer of `POST /api/validate` (200 whenever the body could be read).
#[derive(Debug, Serialize)]
pub struct ValidationResult {
    /// Whether AWS would accept the request (warnings allowed).
    pub valid: bool,
    /// Whether the domain's context (auth mode, network, default security groups) was
    /// applied: only when `DomainId` names an existing domain.
    pub domain_checked: bool,
    /// Every error and warning with its path, in document order.
    pub problems: Vec<Problem>,
}

/// Validates with the domain's context when `DomainId` names a domain that exists;
/// without it otherwise (the domain-dependent rules are then skipped, and the answer says
/// so). Nothing is created. Every signed-in role may validate.
async fn validate_only(
    State(state): State<AppState>,
    _principal: Principal,
    StrictJson(request): StrictJson<CreateUserProfileRequest>,
) -> Result<Json<ValidationResult>, AppError> {
    let without_domain = validate(&request, None);
    let mut context = None;
    if let Some(domain) = &request.domain_id
        && !has_error_at(&without_domain, "DomainId")
    {
        match describe_domain(&state, domain).await {
            Ok(described) => context = Some(DomainContext::from_describe(&described)),
            Err(AppError::SageMaker(e)) if e.is_not_found() => {}
            Err(e) => return Err(e),
        }
    }
    let report = match &context {
        Some(context) => validate(&request, Some(context)),
        None => without_domain,
    };
    Ok(Json(ValidationResult {
        valid: report.is_ok(),
        domain_checked: context.is_some(),
        problems: report.problems,
    }))
}
