//! What runs in a domain now, and stopping it.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/domains/{domain}/running` | [`RunningApps`]: every app neither Deleted nor Failed, hours, idle flags, totals (costs with `--prices`) |
//! | `POST /api/domains/{domain}/running/stop` [`StopApps`] | [`StopResults`]: DeleteApp of each app, in order |
//!
//! The list is ListApps of the domain (all pages), DescribeApp of each live app (the
//! last activity, which ListApps does not return), ListSpaces for the spaces' owners, and
//! the settings idle shutdown depends on (DescribeDomain, DescribeUserProfile of each
//! owner, DescribeSpace of each space with a JupyterLab or Code Editor app).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use futures_util::{StreamExt as _, TryStreamExt as _, stream};
use studio_admin_api::{
    AppRef, AuditAction, EpochMillis, MAX_STOP_APPS, Permission, RunningApps, StopApps, StopResult,
    StopResults, idle,
};
use studio_admin_model::{
    AppDetails, AppType, DeleteAppRequest, DescribeAppRequest, DescribeSpaceRequest,
    DescribeUserProfileRequest, EpochSeconds, ListAppsRequest, ListSpacesRequest, Problem,
    ProblemKind, Report, Severity, SpaceSettings, UserSettings, Validate,
};

use super::ApiRoutes;
use super::allowed::{Allowed, need};
use super::support::{check_model, describe_domain};
use crate::audit::Note;
use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::{Path, StrictJson};
use crate::sagemaker::SageMakerError;
use crate::state::AppState;
use crate::usage::{AppFacts, is_live, summarize};

/// How many describe calls one page load runs at once (the rest wait their turn), so a
/// domain with hundreds of apps does not set off SageMaker's throttling.
const DESCRIBES_AT_ONCE: usize = 8;

/// The running routes.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(Method::GET, "/domains/{domain}/running", running)
        .change(
            AuditAction::AppStop,
            Method::POST,
            "/domains/{domain}/running/stop",
            stop,
        )
}

/// Everyone who may read the domain.
async fn running(
    State(state): State<AppState>,
    Allowed { path: domain, .. }: Allowed<need::Read>,
) -> Result<Json<RunningApps>, AppError> {
    let client = &state.sagemaker;
    let apps = ListAppsRequest {
        domain_id_equals: Some(domain.clone()),
        ..ListAppsRequest::default()
    };
    let spaces = ListSpacesRequest {
        domain_id_equals: Some(domain.clone()),
        ..ListSpacesRequest::default()
    };
    // A domain id AWS would refuse is refused here, before anything is signed.
    check_model(&apps)?;
    let (described, apps, spaces) = tokio::try_join!(
        describe_domain(&state, &domain),
        async { Ok::<_, AppError>(client.all_apps(apps).await?) },
        async { Ok::<_, AppError>(client.all_spaces(spaces).await?) },
    )?;
    let apps: Vec<AppDetails> = apps.into_iter().filter(is_live).collect();
    let owner_of: BTreeMap<String, String> = spaces
        .into_iter()
        .filter_map(|s| {
            let owner = s.ownership_settings_summary?.owner_user_profile_name?;
            Some((s.space_name?, owner))
        })
        .collect();
    let person = |app: &AppDetails| {
        app.user_profile_name.clone().or_else(|| {
            app.space_name
                .as_ref()
                .and_then(|s| owner_of.get(s).cloned())
        })
    };
    // Only JupyterLab and Code Editor apps have idle shutdown: only their settings matter.
    let with_idle: Vec<&AppDetails> = apps
        .iter()
        .filter(|a| matches!(a.app_type, Some(AppType::JupyterLab | AppType::CodeEditor)))
        .collect();
    let people: BTreeSet<String> = with_idle.iter().filter_map(|a| person(a)).collect();
    let space_names: BTreeSet<String> = with_idle
        .iter()
        .filter_map(|a| a.space_name.clone())
        .collect();
    let (activity, profiles, space_settings) = tokio::try_join!(
        last_activities(&state, &domain, &apps),
        profile_settings(&state, &domain, people),
        space_settings(&state, &domain, space_names),
    )?;
    let defaults = described.default_user_settings.as_ref();
    let facts = apps
        .into_iter()
        .zip(activity)
        .map(|(details, last_activity)| {
            let person = person(&details);
            let profile = person
                .as_ref()
                .and_then(|p| profiles.get(p))
                .and_then(Option::as_ref);
            let space = details
                .space_name
                .as_ref()
                .and_then(|s| space_settings.get(s))
                .and_then(Option::as_ref);
            let idle = details
                .app_type
                .as_ref()
                .and_then(|t| idle::effective(t, space, profile, defaults));
            AppFacts {
                details,
                person,
                last_activity,
                idle,
            }
        })
        .collect();
    let now = EpochMillis(state.settings.auth.clock.now_ms());
    Ok(Json(summarize(facts, now, state.prices.as_deref())))
}

/// `value`, or `None` when SageMaker says the resource is gone (it went between the list
/// and the describe: the page simply knows less about it).
fn unless_gone<T>(result: Result<T, SageMakerError>) -> Result<Option<T>, AppError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

// The describes below run from owned requests and a clone of the client: futures that
// borrow from the handler's locals are not accepted as `Send` for every lifetime axum asks.

/// DescribeApp's `LastUserActivityTimestamp` of each app, in order.
async fn last_activities(
    state: &AppState,
    domain: &str,
    apps: &[AppDetails],
) -> Result<Vec<Option<EpochSeconds>>, AppError> {
    let requests: Vec<DescribeAppRequest> = apps
        .iter()
        .map(|app| DescribeAppRequest {
            domain_id: Some(domain.to_owned()),
            user_profile_name: app.user_profile_name.clone(),
            space_name: app.space_name.clone(),
            app_type: app.app_type.clone(),
            app_name: app.app_name.clone(),
        })
        .collect();
    let client = Arc::clone(&state.sagemaker);
    stream::iter(requests)
        .map(move |request| {
            let client = Arc::clone(&client);
            async move {
                let described = unless_gone(client.describe_app(&request).await)?;
                Ok::<_, AppError>(described.and_then(|d| d.last_user_activity_timestamp))
            }
        })
        .buffered(DESCRIBES_AT_ONCE)
        .try_collect()
        .await
}

/// The `UserSettings` of each of `people`'s profiles.
async fn profile_settings(
    state: &AppState,
    domain: &str,
    people: BTreeSet<String>,
) -> Result<BTreeMap<String, Option<UserSettings>>, AppError> {
    let client = Arc::clone(&state.sagemaker);
    let domain = domain.to_owned();
    stream::iter(people)
        .map(move |name| {
            let client = Arc::clone(&client);
            let request = DescribeUserProfileRequest {
                domain_id: Some(domain.clone()),
                user_profile_name: Some(name.clone()),
            };
            async move {
                let described = unless_gone(client.describe_user_profile(&request).await)?;
                Ok::<_, AppError>((name, described.and_then(|d| d.user_settings)))
            }
        })
        .buffer_unordered(DESCRIBES_AT_ONCE)
        .try_collect()
        .await
}

/// The `SpaceSettings` of each of the spaces `names`.
async fn space_settings(
    state: &AppState,
    domain: &str,
    names: BTreeSet<String>,
) -> Result<BTreeMap<String, Option<SpaceSettings>>, AppError> {
    let client = Arc::clone(&state.sagemaker);
    let domain = domain.to_owned();
    stream::iter(names)
        .map(move |name| {
            let client = Arc::clone(&client);
            let request = DescribeSpaceRequest {
                domain_id: Some(domain.clone()),
                space_name: Some(name.clone()),
            };
            async move {
                let described = unless_gone(client.describe_space(&request).await)?;
                Ok::<_, AppError>((name, described.and_then(|d| d.space_settings)))
            }
        })
        .buffer_unordered(DESCRIBES_AT_ONCE)
        .try_collect()
        .await
}

/// Stops each app named (DeleteApp), in order; leads of the domain and admins only.
///
/// The answer has one result per app. When every app of the request failed, the answer
/// is the first failure's error (a single stop of an app that is gone is a 404); when some
/// were stopped, it is 200 with the failures among the results. The audit log's summary
/// names every app with how it went.
async fn stop(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path(domain): Path<String>,
    StrictJson(body): StrictJson<StopApps>,
) -> Result<Json<StopResults>, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    let requests = delete_requests(&domain, &body.apps)?;
    let mut results = Vec::with_capacity(requests.len());
    let mut first_error = None;
    for (app, request) in body.apps.into_iter().zip(requests) {
        match state.sagemaker.delete_app(&request).await {
            Ok(_) => {
                tracing::info!(domain = %domain, app = %app.describe(), "stopped app");
                results.push(StopResult {
                    app,
                    stopped: true,
                    error: None,
                });
            }
            Err(e) => {
                results.push(StopResult {
                    app,
                    stopped: false,
                    error: Some(e.to_string()),
                });
                if first_error.is_none() {
                    first_error = Some(e);
                }
            }
        }
    }
    note.set_summary(serde_json::json!({
        "apps": results
            .iter()
            .map(|r| serde_json::json!({
                "app": r.app.describe(),
                "stopped": r.stopped,
                "error": r.error,
            }))
            .collect::<Vec<_>>(),
    }));
    if results.len() == 1 {
        note.set_target(results[0].app.describe());
    }
    match first_error {
        Some(e) if results.iter().all(|r| !r.stopped) => Err(e.into()),
        _ => Ok(Json(StopResults { results })),
    }
}

/// The DeleteApp request of each app, checked against the model (problems at
/// `apps[i].Member`): 1 to [`MAX_STOP_APPS`] apps, each of a profile or of a space.
fn delete_requests(domain: &str, apps: &[AppRef]) -> Result<Vec<DeleteAppRequest>, AppError> {
    let problem = |path: String, message: String| Problem {
        path,
        message,
        severity: Severity::Error,
        kind: ProblemKind::Rule,
    };
    if apps.is_empty() || apps.len() > MAX_STOP_APPS {
        return Err(AppError::Validation(Report {
            problems: vec![problem(
                "apps".to_owned(),
                format!(
                    "name 1 to {MAX_STOP_APPS} apps to stop ({} named)",
                    apps.len()
                ),
            )],
        }));
    }
    let mut problems = Vec::new();
    let mut requests = Vec::with_capacity(apps.len());
    for (i, app) in apps.iter().enumerate() {
        if app.user_profile_name.is_some() == app.space_name.is_some() {
            problems.push(problem(
                format!("apps[{i}]"),
                "give exactly one of UserProfileName (a profile's app) and SpaceName (an app in a space)".to_owned(),
            ));
        }
        let request = DeleteAppRequest {
            domain_id: Some(domain.to_owned()),
            user_profile_name: app.user_profile_name.clone(),
            space_name: app.space_name.clone(),
            app_type: Some(app.app_type.clone()),
            app_name: Some(app.app_name.clone()),
        };
        problems.extend(request.check_model().problems.into_iter().map(|mut p| {
            p.path = format!("apps[{i}].{}", p.path);
            p
        }));
        requests.push(request);
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(AppError::Validation(Report { problems }));
    }
    Ok(requests)
}
