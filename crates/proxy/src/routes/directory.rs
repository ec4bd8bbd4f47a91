//! The IAM Identity Center directory of an SSO domain: the people search behind the
//! panel's picker, the check that a profile names an existing person, and the groups a
//! lead onboards as a team.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/domains/{domain}/directory/users?search=` | `{"users": [{"UserId", "UserName", "DisplayName", "Emails"}], "truncated"}`, at most 50; 404 for a domain not in SSO mode |
//! | `GET /api/domains/{domain}/directory/groups` | `{"groups": [{"GroupId", "DisplayName", "Description"}]}` (leads and admins) |
//! | `GET /api/domains/{domain}/directory/groups/{group}/team` | `GroupFile`: the members and a team file of one row each (leads and admins) |

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use studio_admin_api::{
    DirectoryGroups, DirectoryQuery, DirectoryUsers, GroupFile, Permission, StudioAccess,
};
use studio_admin_model::{CreateUserProfileRequest, Problem, ProblemKind, Report, Severity};

use super::ApiRoutes;
use super::support::describe_domain;
use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::identity::{self, Directory};
use crate::state::AppState;

/// The directory routes.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(Method::GET, "/domains/{domain}/directory/users", users)
        .read(Method::GET, "/domains/{domain}/directory/groups", groups)
        .read(
            Method::GET,
            "/domains/{domain}/directory/groups/{group}/team",
            group_team,
        )
}

/// The directory of `domain`: kept from less than a minute ago, or found now. `None` for
/// a domain not in SSO mode.
pub async fn directory_of(
    state: &AppState,
    domain: &str,
) -> Result<Option<Arc<Directory>>, AppError> {
    if let Some(kept) = state.directories.cached(domain) {
        return Ok(kept);
    }
    let described = describe_domain(state, domain).await?;
    Ok(state
        .directories
        .of(&state.sagemaker, domain, &described)
        .await?)
}

/// People of the domain's directory for the picker. Requesters search too: their request
/// form picks their own directory user.
async fn users(
    State(state): State<AppState>,
    principal: Principal,
    Path(domain): Path<String>,
    Query(query): Query<DirectoryQuery>,
) -> Result<Json<DirectoryUsers>, AppError> {
    principal.require_in(Permission::RequestOwn, &domain)?;
    let directory = sso_directory(&state, &domain).await?;
    Ok(Json(
        identity::search(&state.sagemaker, &directory, &query.search).await?,
    ))
}

/// The groups of the domain's directory, to onboard one as a team.
async fn groups(
    State(state): State<AppState>,
    principal: Principal,
    Path(domain): Path<String>,
) -> Result<Json<DirectoryGroups>, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    let directory = sso_directory(&state, &domain).await?;
    Ok(Json(identity::groups(&state.sagemaker, &directory).await?))
}

/// The group's members as a team file, to plan like any other.
async fn group_team(
    State(state): State<AppState>,
    principal: Principal,
    Path((domain, group)): Path<(String, String)>,
) -> Result<Json<GroupFile>, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    let directory = sso_directory(&state, &domain).await?;
    match identity::group_file(&state.sagemaker, &directory, &group).await? {
        Some(file) => Ok(Json(file)),
        None => Err(AppError::NotFound {
            message: format!("the directory of domain {domain} has no group {group}"),
            code: None,
        }),
    }
}

/// The directory of `domain`, or a 404 that says the domain has none.
async fn sso_directory(state: &AppState, domain: &str) -> Result<Arc<Directory>, AppError> {
    directory_of(state, domain)
        .await?
        .ok_or_else(|| AppError::NotFound {
            message: format!(
                "domain {domain} does not sign in through IAM Identity Center (AuthMode SSO), \
                 so it has no directory"
            ),
            code: None,
        })
}

/// What a create of a profile means in IAM Identity Center.
#[derive(Debug, Clone)]
pub enum SsoUser {
    /// Nothing: the domain is not in SSO mode, or the profile names no user.
    None,
    /// The person the profile names, in the domain's directory.
    Found(Arc<Directory>, String),
    /// The directory could not be asked (why): the create goes on, AWS has the last word,
    /// and the person's access is not granted.
    Unchecked(String),
}

impl SsoUser {
    /// After the profile is created: lets the person into Studio unless they get in
    /// already, or says why not. `None` for profiles outside IAM Identity Center.
    pub async fn grant(&self, state: &AppState) -> Option<StudioAccess> {
        match self {
            Self::None => None,
            Self::Found(directory, user_id) => {
                Some(identity::grant(&state.sagemaker, directory, user_id).await)
            }
            Self::Unchecked(why) => Some(StudioAccess::failed(why.clone())),
        }
    }
}

/// The directory user a create of a profile names, checked before the profile is
/// created: a 422 at `SingleSignOnUserValue` when nobody of that user name is in the
/// domain's directory.
pub async fn checked_user(
    state: &AppState,
    domain: &str,
    request: &CreateUserProfileRequest,
) -> Result<SsoUser, AppError> {
    let Some(user_name) = request.single_sign_on_user_value.as_deref() else {
        return Ok(SsoUser::None);
    };
    // AWS knows one identifier, UserName; anything else is the model's to refuse.
    if request
        .single_sign_on_user_identifier
        .as_deref()
        .is_some_and(|i| i != "UserName")
    {
        return Ok(SsoUser::None);
    }
    let unchecked = |e: &dyn std::fmt::Display| {
        tracing::warn!(domain = %domain, error = %e, "cannot ask the IAM Identity Center directory; the user name is not checked");
        SsoUser::Unchecked(format!(
            "the IAM Identity Center directory could not be asked: {e}"
        ))
    };
    let directory = match directory_of(state, domain).await {
        Ok(Some(directory)) => directory,
        Ok(None) => return Ok(SsoUser::None),
        Err(e) => return Ok(unchecked(&e)),
    };
    match identity::user_id(&state.sagemaker, &directory, user_name).await {
        Ok(Some(id)) => Ok(SsoUser::Found(directory, id)),
        Ok(None) => Err(unknown_user(user_name, &directory)),
        Err(e) => Ok(unchecked(&e)),
    }
}

/// 422: nobody of `user_name` in the directory.
pub fn unknown_user(user_name: &str, directory: &Directory) -> AppError {
    AppError::Validation(Report {
        problems: vec![Problem {
            path: "SingleSignOnUserValue".to_owned(),
            message: format!(
                "there is no user named {user_name:?} in the domain's IAM Identity Center \
                 directory ({}); pick a person from the directory",
                directory.identity_store_id
            ),
            severity: Severity::Error,
            kind: ProblemKind::Rule,
        }],
    })
}
