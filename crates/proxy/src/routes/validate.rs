//! `POST /api/validate`: validates a CreateUserProfile body without creating anything.

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use studio_admin_api::ValidationResult;
use studio_admin_model::{CreateUserProfileRequest, DomainContext, validate};

use super::ApiRoutes;
use super::support::{describe_domain, has_error_at};
use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::StrictJson;
use crate::state::AppState;

/// The validate route.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new().read(Method::POST, "/validate", validate_only)
}

/// Validates with the domain's context when `DomainId` names a domain that exists and the
/// caller may see; without it otherwise (the domain-dependent rules are then skipped, and
/// the answer says so). Nothing is created. Every signed-in role may validate.
async fn validate_only(
    State(state): State<AppState>,
    principal: Principal,
    StrictJson(request): StrictJson<CreateUserProfileRequest>,
) -> Result<Json<ValidationResult>, AppError> {
    let without_domain = validate(&request, None);
    let mut context = None;
    // Only a domain the caller may see is described: validation must not become a way
    // to learn whether other domains exist.
    if let Some(domain) = &request.domain_id
        && !has_error_at(&without_domain, "DomainId")
        && principal.sees(domain)
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
