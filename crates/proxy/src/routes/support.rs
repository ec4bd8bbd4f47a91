//! What several routes share: checking a request against the model before it is signed,
//! reconciling the body with the URL, and the domain context validation needs.

use studio_admin_model::{
    DescribeDomainRequest, DescribeDomainResponse, DomainContext, Problem, ProblemKind, Report,
    Severity, Validate, ValidateRequest, validate,
};

use crate::error::AppError;
use crate::state::AppState;

/// Refuses `request` with a 422 when it breaks the model's constraints (it would only earn
/// a ValidationException from AWS).
pub fn check_model(request: &impl Validate) -> Result<(), AppError> {
    let report = request.check_model();
    if report.has_errors() {
        return Err(AppError::Validation(report));
    }
    Ok(())
}

/// Makes `member` of the body agree with the URL: absent, it is taken from the URL; given
/// and different, the request is refused (the URL says which resource is meant).
pub fn reconcile(
    member: &mut Option<String>,
    from_url: &str,
    name: &'static str,
) -> Result<(), AppError> {
    match member {
        None => {
            *member = Some(from_url.to_owned());
            Ok(())
        }
        Some(given) if given == from_url => Ok(()),
        Some(given) => Err(AppError::Validation(Report {
            problems: vec![Problem {
                path: name.to_owned(),
                message: format!(
                    "{name} in the body is {given:?} but the URL names {from_url:?}; \
                     leave it out or make them agree"
                ),
                severity: Severity::Error,
                kind: ProblemKind::Rule,
            }],
        })),
    }
}

/// DescribeDomain for `domain_id`.
pub async fn describe_domain(
    state: &AppState,
    domain_id: &str,
) -> Result<DescribeDomainResponse, AppError> {
    let request = DescribeDomainRequest {
        domain_id: Some(domain_id.to_owned()),
    };
    check_model(&request)?;
    Ok(state.sagemaker.describe_domain(&request).await?)
}

/// What validation needs to know about `domain_id` (auth mode, network, default groups).
pub async fn domain_context(state: &AppState, domain_id: &str) -> Result<DomainContext, AppError> {
    Ok(DomainContext::from_describe(
        &describe_domain(state, domain_id).await?,
    ))
}

/// Validates `request` with `domain_id`'s context (auth mode, network, default groups):
/// a 422 with every problem's path when anything is an error.
pub async fn check_with_domain(
    state: &AppState,
    domain_id: &str,
    request: &impl ValidateRequest,
) -> Result<(), AppError> {
    let context = domain_context(state, domain_id).await?;
    let report = validate(request, Some(&context));
    if report.has_errors() {
        return Err(AppError::Validation(report));
    }
    Ok(())
}

/// Whether `report` has an error at exactly `path` (then calls that need the member, such
/// as DescribeDomain for `DomainId`, are not made).
pub fn has_error_at(report: &Report, path: &str) -> bool {
    report.at(path).any(|p| p.severity == Severity::Error)
}
