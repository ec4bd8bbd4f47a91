//! Self-service onboarding: a requester asks for their own profile, a lead of the domain
//! edits, approves (which creates the profile through the same validated path as
//! `POST .../profiles`, exactly once) or rejects with a reason.
//!
//! | route | answer |
//! |---|---|
//! | `POST /api/requests` (CreateUserProfile) | 201 the request; 409 `existing_id` when one is open |
//! | `GET /api/requests?status=&domain=` | `{"requests": [...]}`, newest first, those the caller may see |
//! | `GET /api/requests/{id}` | the request |
//! | `PUT /api/requests/{id}` (CreateUserProfile) | the request (pending only; 409 `request` otherwise) |
//! | `POST /api/requests/{id}/approve` | the approved request; 409 `request` unless pending |
//! | `POST /api/requests/{id}/reject` `{"reason"}` | the rejected request; 409 `request` unless pending |

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use studio_admin_model::{
    CreateUserProfileRequest, DescribeUserProfileRequest, Problem, ProblemKind, Report, Severity,
    from_json_strict, validate,
};

use studio_admin_api::{
    AuditAction, OnboardingRequest, Permission, RejectBody, RequestList, RequestQuery,
    RequestStatus,
};

use super::ApiRoutes;
use super::directory::checked_user;
use super::policy;
use super::profiles::create_validated;
use super::support::{check_with_domain, has_error_at, reconcile};
use crate::audit::Note;

use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::{Path, Query, StrictJson};
use crate::sagemaker::SageMakerError;
use crate::state::AppState;
use crate::store::NewRequest;

/// Longest rejection reason, in characters.
const MAX_REASON_CHARS: usize = 1000;

/// The request routes.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(Method::GET, "/requests", list)
        .change(
            AuditAction::RequestSubmit,
            Method::POST,
            "/requests",
            submit,
        )
        .read(Method::GET, "/requests/{id}", show)
        .change(
            AuditAction::RequestUpdate,
            Method::PUT,
            "/requests/{id}",
            update,
        )
        .change(
            AuditAction::RequestApprove,
            Method::POST,
            "/requests/{id}/approve",
            approve,
        )
        .change(
            AuditAction::RequestReject,
            Method::POST,
            "/requests/{id}/reject",
            reject,
        )
}

/// A request `principal` may see, or 404/403.
async fn visible(
    state: &AppState,
    principal: &Principal,
    id: i64,
) -> Result<OnboardingRequest, AppError> {
    principal.require(Permission::RequestOwn)?;
    // A request the caller may not see answers exactly as one that does not exist: ids
    // are sequential, and a refusal would name another domain.
    state
        .store
        .request(id)
        .await?
        .filter(|r| principal.may_see_request(&r.domain_id, &r.requester))
        .ok_or_else(|| AppError::NotFound {
            message: format!("there is no onboarding request {id}"),
            code: None,
        })
}

/// 409 carrying the request as it is now.
fn not_pending(request: &OnboardingRequest) -> AppError {
    AppError::RequestNotPending {
        message: format!("request {} is {}, not pending", request.id, request.status),
        request: Box::new(request.clone()),
    }
}

/// The request body after the domain's policy: absent fixed members filled in, different
/// ones refused (`strict`), or left as given (leads and admins editing).
async fn with_policy(
    state: &AppState,
    domain: &str,
    request: &CreateUserProfileRequest,
    strict: bool,
) -> Result<CreateUserProfileRequest, AppError> {
    let policy = state.store.policy(domain).await?;
    let mut body = serde_json::to_value(request).unwrap_or_default();
    if strict {
        policy::apply(&mut body, &policy.fixed)?;
    } else {
        policy::fill(&mut body, &policy.fixed);
    }
    Ok(from_json_strict(&body.to_string())?)
}

async fn submit(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    StrictJson(request): StrictJson<CreateUserProfileRequest>,
) -> Result<(StatusCode, Json<OnboardingRequest>), AppError> {
    principal.require(Permission::RequestOwn)?;
    let without_domain = validate(&request, None);
    if has_error_at(&without_domain, "DomainId") || has_error_at(&without_domain, "UserProfileName")
    {
        return Err(AppError::Validation(without_domain));
    }
    let domain = request.domain_id.clone().unwrap_or_default();
    let name = request.user_profile_name.clone().unwrap_or_default();
    note.set_domain(&domain);
    principal.require_in(Permission::RequestOwn, &domain)?;
    if !principal.may_request_profile(&domain, &name) {
        return Err(AppError::Forbidden(format!(
            "a request is for your own profile ({}), not {name}; a lead creates profiles for others",
            principal.profile
        )));
    }
    // Recorded only once the caller may ask for this profile.
    note.set_summary(serde_json::to_value(&request).unwrap_or_default());
    let request = with_policy(&state, &domain, &request, true).await?;
    check_with_domain(&state, &domain, &request).await?;
    // A request naming nobody of the directory could never be approved.
    checked_user(&state, &domain, &request).await?;
    let new = NewRequest {
        domain_id: domain,
        profile_name: name,
        requester: principal.name.clone(),
        request: serde_json::to_value(&request).unwrap_or_default(),
    };
    match state
        .store
        .insert_request(&new, state.auth.now_ms())
        .await?
    {
        Ok(row) => {
            note.set_target(row.id.to_string());
            Ok((StatusCode::CREATED, Json(row)))
        }
        Err(existing) => Err(AppError::RequestAlreadyOpen {
            message: format!(
                "request {existing} for {} in {} is already open",
                new.profile_name, new.domain_id
            ),
            existing_id: existing,
        }),
    }
}

async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Query(params): Query<RequestQuery>,
) -> Result<Json<RequestList>, AppError> {
    principal.require(Permission::RequestOwn)?;
    let domain = Some(params.domain.as_str()).filter(|s| !s.is_empty());
    let mut requests = state.store.requests(params.status, domain).await?;
    requests.retain(|r| principal.may_see_request(&r.domain_id, &r.requester));
    Ok(Json(RequestList { requests }))
}

async fn show(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<OnboardingRequest>, AppError> {
    Ok(Json(visible(&state, &principal, id).await?))
}

/// Replaces a pending request. The requester edits their own (the policy holds); a lead
/// of the domain or an admin may edit any and may differ from the policy.
async fn update(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path(id): Path<i64>,
    StrictJson(mut request): StrictJson<CreateUserProfileRequest>,
) -> Result<Json<OnboardingRequest>, AppError> {
    let current = visible(&state, &principal, id).await?;
    note.set_domain(&current.domain_id);
    let decides = principal
        .require_in(Permission::DecideRequests, &current.domain_id)
        .is_ok();
    if !decides && !principal.name.eq_ignore_ascii_case(&current.requester) {
        return Err(AppError::Forbidden(format!(
            "requires the lead role in domain {}",
            current.domain_id
        )));
    }
    note.set_summary(serde_json::to_value(&request).unwrap_or_default());
    if current.status != RequestStatus::Pending {
        return Err(not_pending(&current));
    }
    reconcile(&mut request.domain_id, &current.domain_id, "DomainId")?;
    reconcile(
        &mut request.user_profile_name,
        &current.profile_name,
        "UserProfileName",
    )?;
    let request = with_policy(&state, &current.domain_id, &request, !decides).await?;
    check_with_domain(&state, &current.domain_id, &request).await?;
    let body = serde_json::to_value(&request).unwrap_or_default();
    match state
        .store
        .update_pending_request(id, &body, state.auth.now_ms())
        .await?
    {
        Some(row) => Ok(Json(row)),
        None => Err(not_pending(&visible(&state, &principal, id).await?)),
    }
}

/// The request, once `principal` may decide it (lead of its domain, or admin).
async fn decidable(
    state: &AppState,
    principal: &Principal,
    note: &Note,
    id: i64,
) -> Result<OnboardingRequest, AppError> {
    principal.require(Permission::DecideRequests)?;
    let request = visible(state, principal, id).await?;
    note.set_domain(&request.domain_id);
    principal.require_in(Permission::DecideRequests, &request.domain_id)?;
    note.set_summary(
        serde_json::json!({ "profile": request.profile_name, "requester": request.requester }),
    );
    Ok(request)
}

/// pending -> approving (one conditional UPDATE: a second click gets 409), then the
/// profile is created through the same validated path as `POST .../profiles`. Success ->
/// approved; failure -> pending again with the error, answered as the create would.
async fn approve(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path(id): Path<i64>,
) -> Result<Json<OnboardingRequest>, AppError> {
    let current = decidable(&state, &principal, &note, id).await?;
    let now = state.auth.now_ms();
    let Some(claimed) = state
        .store
        .claim_for_approval(id, &principal.name, now)
        .await?
    else {
        let latest = state.store.request(id).await?.unwrap_or(current);
        return Err(not_pending(&latest));
    };
    let created = match from_json_strict::<CreateUserProfileRequest>(&claimed.request.to_string()) {
        Ok(request) => create_validated(&state, &claimed.domain_id, request).await,
        Err(e) => Err(AppError::from(e)),
    };
    let now = state.auth.now_ms();
    match created {
        Ok((_, response)) => {
            let arn = response.user_profile_arn.unwrap_or_default();
            note.set_arn(Some(&arn));
            if let Some(access) = &response.access {
                note.set_summary(serde_json::json!({
                    "profile": claimed.profile_name,
                    "requester": claimed.requester,
                    "access": access.describe(),
                }));
            }
            tracing::info!(request = id, by = %principal.name, "onboarding request approved");
            let row = state.store.finish_approval(id, &arn, now).await?;
            Ok(Json(OnboardingRequest {
                access: response.access,
                ..row.unwrap_or(claimed)
            }))
        }
        Err(e) => {
            state
                .store
                .release_approval(id, &failure_message(&e), now)
                .await?;
            Err(e)
        }
    }
}

/// How a failed approval is remembered on the request: AWS's own words, or every
/// validation problem with its path.
fn failure_message(error: &AppError) -> String {
    match error {
        AppError::SageMaker(SageMakerError::Service { error, .. }) => error.message.clone(),
        AppError::Validation(report) => report
            .errors()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

async fn reject(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path(id): Path<i64>,
    StrictJson(body): StrictJson<RejectBody>,
) -> Result<Json<OnboardingRequest>, AppError> {
    let current = decidable(&state, &principal, &note, id).await?;
    note.set_summary(serde_json::json!({ "profile": current.profile_name, "reason": body.reason }));
    let reason = body.reason.trim();
    let chars = reason.chars().count();
    if chars == 0 || chars > MAX_REASON_CHARS {
        return Err(AppError::Validation(Report {
            problems: vec![Problem {
                path: "reason".to_owned(),
                message: format!("give a reason of 1 to {MAX_REASON_CHARS} characters"),
                severity: Severity::Error,
                kind: ProblemKind::Length,
            }],
        }));
    }
    match state
        .store
        .reject_request(id, reason, &principal.name, state.auth.now_ms())
        .await?
    {
        Some(row) => Ok(Json(row)),
        None => Err(not_pending(
            &state.store.request(id).await?.unwrap_or(current),
        )),
    }
}

/// How long an approval may stay `approving` before it counts as interrupted. An approval
/// in flight lasts as long as its CreateUserProfile (and the look-up that settles an
/// ambiguous answer): the client's attempts stay well under this. With several replicas,
/// one that starts or settles must not take another replica's approval in flight for one
/// interrupted by a stop.
pub const APPROVAL_GRACE: Duration = Duration::from_secs(120);

/// How often a running server looks for interrupted approvals (a replica that died
/// mid-approval leaves its request `approving`; another one settles it).
pub const SETTLE_EVERY: Duration = Duration::from_secs(30);

/// Settles requests left `approving` by a stopped server, for at least
/// [`APPROVAL_GRACE`]: approved when the profile exists (its CreateUserProfile went
/// through), pending again otherwise. Younger approvals are left to whoever runs them.
/// Returns how many were settled.
pub async fn settle_approving(state: &AppState) -> Result<usize, AppError> {
    let now = state.auth.now_ms();
    let grace = i64::try_from(APPROVAL_GRACE.as_millis()).unwrap_or(i64::MAX);
    let stuck: Vec<_> = state
        .store
        .requests(Some(RequestStatus::Approving), None)
        .await?
        .into_iter()
        .filter(|request| request.updated_at.0 <= now.saturating_sub(grace))
        .collect();
    let mut settled = 0;
    for request in &stuck {
        let describe = DescribeUserProfileRequest {
            domain_id: Some(request.domain_id.clone()),
            user_profile_name: Some(request.profile_name.clone()),
        };
        let now = state.auth.now_ms();
        let done = match state.sagemaker.describe_user_profile(&describe).await {
            Ok(profile) => {
                let arn = profile.user_profile_arn.unwrap_or_default();
                state.store.finish_approval(request.id, &arn, now).await?
            }
            Err(e) if e.is_not_found() => {
                state
                    .store
                    .release_approval(
                        request.id,
                        "the approval was interrupted (a server stopped during it); approve again",
                        now,
                    )
                    .await?
            }
            Err(e) => {
                tracing::warn!(request = request.id, error = %e, "cannot settle an interrupted approval yet");
                None
            }
        };
        settled += usize::from(done.is_some());
    }
    Ok(settled)
}

/// Settles interrupted approvals now and every [`SETTLE_EVERY`] until the stop begins.
pub fn spawn_settling(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(SETTLE_EVERY);
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                () = state.shutdown.started() => return,
            }
            match settle_approving(&state).await {
                Ok(0) => {}
                Ok(settled) => tracing::info!(requests = settled, "settled interrupted approvals"),
                Err(e) => tracing::warn!(error = %e, "cannot settle interrupted approvals"),
            }
        }
    })
}
