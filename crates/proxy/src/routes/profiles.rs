//! The profiles of a domain: one page of the list, the detail (profile, apps, owned
//! spaces), create and update.

use axum::Json;
use axum::extract::State;
use axum::http::{Method, StatusCode, header};
use axum::response::IntoResponse;
use studio_admin_model::{
    CreateUserProfileRequest, DescribeUserProfileRequest, ListAppsRequest, ListSpacesRequest,
    ListUserProfilesRequest, SortOrder, UpdateUserProfileRequest, UpdateUserProfileResponse,
    UserProfileSortKey, Validate, validate,
};

use studio_admin_api::{
    AuditAction, CreatedProfile, Permission, ProfileDetail, ProfileIdle, ProfilePage, ProfileQuery,
};

use super::ApiRoutes;
use super::access::studio_access;
use super::allowed::{Allowed, need};
use super::directory::checked_user;
use super::support::{check_model, check_with_domain, describe_domain, has_error_at, reconcile};
use crate::audit::Note;

use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::{Path, Query, StrictJson};
use crate::sagemaker::creates::create_user_profile_once;
use crate::state::AppState;

/// The profile routes (delete plans and delete jobs attach to the same paths).
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(Method::GET, "/domains/{domain}/profiles", list)
        .change(
            AuditAction::ProfileCreate,
            Method::POST,
            "/domains/{domain}/profiles",
            create,
        )
        .read(Method::GET, "/domains/{domain}/profiles/{name}", detail)
        .change(
            AuditAction::ProfileUpdate,
            Method::PUT,
            "/domains/{domain}/profiles/{name}",
            update,
        )
}

/// The query parameter each ListUserProfiles member comes from, so that problems name
/// what the caller wrote.
const PARAM_OF_MEMBER: &[(&str, &str)] = &[
    ("DomainIdEquals", "domain"),
    ("UserProfileNameContains", "search"),
    ("SortBy", "sort"),
    ("SortOrder", "order"),
    ("NextToken", "next"),
    ("MaxResults", "limit"),
];

async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Path(domain): Path<String>,
    Query(params): Query<ProfileQuery>,
) -> Result<Json<ProfilePage>, AppError> {
    principal.require_in(Permission::Read, &domain)?;
    let given = |v: String| Some(v).filter(|s| !s.is_empty());
    let request = ListUserProfilesRequest {
        domain_id_equals: Some(domain),
        user_profile_name_contains: given(params.search),
        sort_by: given(params.sort).map(|s| UserProfileSortKey::from_wire(&s)),
        sort_order: given(params.order).map(|s| SortOrder::from_wire(&s)),
        next_token: given(params.next),
        max_results: params.limit,
    };
    let mut report = request.check_model();
    if report.has_errors() {
        for problem in &mut report.problems {
            if let Some((_, param)) = PARAM_OF_MEMBER.iter().find(|(m, _)| *m == problem.path) {
                problem.path = (*param).to_owned();
            }
        }
        return Err(AppError::Validation(report));
    }
    let page = state.sagemaker.list_user_profiles(&request).await?;
    Ok(Json(ProfilePage {
        profiles: page.user_profiles.unwrap_or_default(),
        next: page.next_token,
    }))
}

async fn detail(
    State(state): State<AppState>,
    Allowed {
        path: (domain, name),
        ..
    }: Allowed<need::Read, (String, String)>,
) -> Result<Json<ProfileDetail>, AppError> {
    let describe = DescribeUserProfileRequest {
        domain_id: Some(domain.clone()),
        user_profile_name: Some(name.clone()),
    };
    check_model(&describe)?;
    let apps = ListAppsRequest {
        domain_id_equals: Some(domain.clone()),
        user_profile_name_equals: Some(name.clone()),
        ..ListAppsRequest::default()
    };
    let spaces = ListSpacesRequest {
        domain_id_equals: Some(domain.clone()),
        ..ListSpacesRequest::default()
    };
    let client = &state.sagemaker;
    let domain_id = describe.domain_id.clone().unwrap_or_default();
    let (profile, apps, mut spaces, described) = tokio::try_join!(
        async { Ok::<_, AppError>(client.describe_user_profile(&describe).await?) },
        async { Ok::<_, AppError>(client.all_apps(apps).await?) },
        async { Ok::<_, AppError>(client.all_spaces(spaces).await?) },
        describe_domain(&state, &domain),
    )?;
    // Profile names are not case sensitive on AWS (`Alice` and `alice` collide).
    spaces.retain(|space| {
        space
            .ownership_settings_summary
            .as_ref()
            .and_then(|o| o.owner_user_profile_name.as_deref())
            .is_some_and(|owner| owner.eq_ignore_ascii_case(&name))
    });
    let access = match profile.single_sign_on_user_value.as_deref() {
        Some(user_name) => Some(studio_access(&state, &domain_id, user_name).await),
        None => None,
    };
    let idle = ProfileIdle::of(
        profile.user_settings.as_ref(),
        described.default_user_settings.as_ref(),
    );
    Ok(Json(ProfileDetail {
        profile,
        apps,
        spaces,
        access,
        idle,
    }))
}

/// Validates the CreateUserProfile body with the domain's context, then creates it:
/// 201 with `{"UserProfileArn": ...}` and the new profile's API path in `Location`.
/// Leads of the domain and admins only.
async fn create(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path(domain): Path<String>,
    StrictJson(request): StrictJson<CreateUserProfileRequest>,
) -> Result<impl IntoResponse, AppError> {
    // Nothing of the body is recorded before the caller is known to be allowed.
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    note.set_target(request.user_profile_name.clone().unwrap_or_default());
    let mut summary = serde_json::to_value(&request).unwrap_or_default();
    note.set_summary(summary.clone());
    let (name, created) = create_validated(&state, &domain, request).await?;
    note.set_arn(created.user_profile_arn.as_deref());
    // The audit entry says what was done about the person's Studio access.
    if let Some(access) = &created.access {
        if let Some(fields) = summary.as_object_mut() {
            fields.insert("access".to_owned(), access.describe().into());
        }
        note.set_summary(summary);
    }
    let location = format!("/api/domains/{domain}/profiles/{name}");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(created),
    ))
}

/// The one way profiles are created (the create route and approved onboarding requests):
/// the body's `DomainId` reconciled with `domain`, validated with the domain's context,
/// in SSO domains the user checked in the directory, then CreateUserProfile, then (SSO)
/// the person let into Studio. Returns the profile's name and the answer.
pub(super) async fn create_validated(
    state: &AppState,
    domain: &str,
    mut request: CreateUserProfileRequest,
) -> Result<(String, CreatedProfile), AppError> {
    reconcile(&mut request.domain_id, domain, "DomainId")?;
    let without_domain = validate(&request, None);
    if has_error_at(&without_domain, "DomainId") {
        return Err(AppError::Validation(without_domain));
    }
    check_with_domain(state, domain, &request).await?;
    let sso_user = checked_user(state, domain, &request).await?;
    let created = create_user_profile_once(&state.sagemaker, &request).await?;
    let name = request.user_profile_name.unwrap_or_default();
    tracing::info!(domain = %domain, profile = %name, "created user profile");
    // The profile exists whatever happens now: a failure is told, not raised.
    let access = sso_user.grant(state).await;
    if let Some(access) = &access {
        tracing::info!(domain = %domain, profile = %name, access = %access.describe(), "studio access");
    }
    Ok((
        name,
        CreatedProfile {
            user_profile_arn: created.user_profile_arn,
            access,
        },
    ))
}

/// Validates the UpdateUserProfile body with the domain's context, then updates. Leads
/// of the domain and admins only.
async fn update(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path((domain, name)): Path<(String, String)>,
    StrictJson(mut request): StrictJson<UpdateUserProfileRequest>,
) -> Result<Json<UpdateUserProfileResponse>, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    note.set_summary(serde_json::to_value(&request).unwrap_or_default());
    reconcile(&mut request.domain_id, &domain, "DomainId")?;
    reconcile(&mut request.user_profile_name, &name, "UserProfileName")?;
    let without_domain = validate(&request, None);
    if has_error_at(&without_domain, "DomainId") {
        return Err(AppError::Validation(without_domain));
    }
    check_with_domain(&state, &domain, &request).await?;
    let updated = state.sagemaker.update_user_profile(&request).await?;
    note.set_arn(updated.user_profile_arn.as_deref());
    tracing::info!(domain = %domain, profile = %name, "updated user profile");
    Ok(Json(updated))
}
