//! What deleting a profile involves: its apps, the spaces it owns with their apps, and what
//! stays. The same plan answers `GET .../delete-plan` and becomes a job round's steps.

use std::collections::HashSet;

pub use studio_admin_api::{AppAction, DeletePlan, Kept, PlanAccess, PlannedApp, PlannedSpace};
use studio_admin_model::{
    AppDetails, AppStatus, DescribeUserProfileRequest, ListAppsRequest, ListSpacesRequest, WireEnum,
};
use tokio::time::Instant;

use super::record::{Phase, StepKind};
use super::retry::{CallStop, call_patiently};
use crate::backoff::Backoff;
use crate::sagemaker::{Paged, SageMakerClient};
use crate::store::NewStep;

/// The largest page SageMaker's list operations allow (shape `MaxResults`).
const PAGE_SIZE: i32 = 100;

/// What a job round does with a plan, and how its plan step sums it up.
pub trait PlanSteps {
    /// The steps of a job round that carries out this plan, in the order they are shown.
    fn steps(&self) -> Vec<NewStep>;
    /// One line for the plan step's outcome: `3 apps and 2 spaces to delete, ...`.
    fn summary(&self) -> String;
}

impl PlanSteps for DeletePlan {
    fn steps(&self) -> Vec<NewStep> {
        let mut steps = Vec::new();
        for app in self
            .apps
            .iter()
            .chain(self.spaces.iter().flat_map(|s| &s.apps))
        {
            let phase = match app.action {
                AppAction::Delete => Phase::Call,
                AppAction::Wait => Phase::Wait,
                AppAction::None => continue,
            };
            steps.push(NewStep {
                kind: StepKind::DeleteApp,
                resource: app_resource(&app.app_type, &app.app_name, app.space_name.as_deref()),
                app_type: Some(app.app_type.clone()),
                app_name: Some(app.app_name.clone()),
                space_name: app.space_name.clone(),
                phase,
                detail: app.status.as_ref().map(|s| format!("status {s}")),
            });
        }
        for space in &self.spaces {
            let deleting = space.status.as_deref() == Some("Deleting");
            steps.push(NewStep {
                kind: StepKind::DeleteSpace,
                resource: format!("space {}", space.space_name),
                app_type: None,
                app_name: None,
                space_name: Some(space.space_name.clone()),
                phase: if deleting { Phase::Wait } else { Phase::Call },
                detail: space.status.as_ref().map(|s| format!("status {s}")),
            });
        }
        steps.push(NewStep {
            kind: StepKind::WaitApps,
            resource: format!("apps of {}", self.profile_name),
            app_type: None,
            app_name: None,
            space_name: None,
            phase: Phase::Wait,
            detail: None,
        });
        let deleting = self.profile_status.as_deref() == Some("Deleting");
        steps.push(NewStep {
            kind: StepKind::DeleteProfile,
            resource: profile_resource(&self.profile_name),
            app_type: None,
            app_name: None,
            space_name: None,
            phase: if deleting { Phase::Wait } else { Phase::Call },
            detail: self.profile_status.as_ref().map(|s| format!("status {s}")),
        });
        steps
    }

    fn summary(&self) -> String {
        let all_apps = || {
            self.apps
                .iter()
                .chain(self.spaces.iter().flat_map(|s| &s.apps))
        };
        let count = |action| all_apps().filter(|a| a.action == action).count();
        let mut parts = vec![format!(
            "{} app(s) and {} space(s) to delete",
            count(AppAction::Delete),
            self.spaces.len()
        )];
        let waiting = count(AppAction::Wait);
        if waiting > 0 {
            parts.push(format!("{waiting} app(s) already being deleted"));
        }
        let failed = all_apps()
            .filter(|a| a.status.as_deref() == Some("Failed"))
            .count();
        if failed > 0 {
            parts.push(format!("{failed} Failed app(s) need no delete"));
        }
        parts.join(", ")
    }
}

/// The last step of a delete of an SSO profile: removing `user_name`'s direct assignment
/// to the domain's Studio application.
pub(crate) fn remove_access_step(user_name: &str) -> NewStep {
    NewStep {
        kind: StepKind::RemoveAccess,
        resource: format!("Studio access of {user_name} in IAM Identity Center"),
        app_type: None,
        app_name: None,
        space_name: None,
        phase: Phase::Call,
        detail: None,
    }
}

/// How a step names a profile.
pub(crate) fn profile_resource(profile: &str) -> String {
    format!("profile {profile}")
}

/// How a step names an app.
pub(crate) fn app_resource(app_type: &str, app_name: &str, space: Option<&str>) -> String {
    match space {
        Some(space) => format!("app {app_type}/{app_name} in space {space}"),
        None => format!("app {app_type}/{app_name}"),
    }
}

/// Reads what a delete of the profile involves. `Ok(None)` when the profile does not
/// exist. Transient failures are retried until `deadline`.
pub async fn gather(
    client: &SageMakerClient,
    domain_id: &str,
    profile_name: &str,
    deadline: Instant,
    poll: Backoff,
) -> Result<Option<DeletePlan>, CallStop> {
    let describe = DescribeUserProfileRequest {
        domain_id: Some(domain_id.to_owned()),
        user_profile_name: Some(profile_name.to_owned()),
    };
    let described =
        call_patiently(|| client.describe_user_profile(&describe), deadline, poll).await;
    let profile = match described {
        Ok(profile) => profile,
        Err(CallStop::Aws(e)) if e.is_not_found() => return Ok(None),
        Err(stop) => return Err(stop),
    };
    // AWS's own spelling: the name is case-insensitive, the list filters may not be.
    let name = profile
        .user_profile_name
        .clone()
        .unwrap_or_else(|| profile_name.to_owned());

    let own_apps = list_apps(client, domain_id, AppsOf::Profile(&name), deadline, poll).await?;
    let apps = own_apps
        .iter()
        .filter(|a| a.space_name.is_none())
        .map(planned_app)
        .collect();

    // Every space of the domain: ListSpaces cannot filter by owner.
    let domain_spaces = ListSpacesRequest {
        domain_id_equals: Some(domain_id.to_owned()),
        max_results: Some(PAGE_SIZE),
        ..Default::default()
    };
    let mut spaces = Vec::new();
    for space in every_page(client, domain_spaces, deadline, poll).await? {
        let owner = space
            .ownership_settings_summary
            .as_ref()
            .and_then(|o| o.owner_user_profile_name.as_deref());
        let Some(space_name) = space.space_name.clone() else {
            continue;
        };
        if !owner.is_some_and(|o| o.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let space_apps = list_apps(
            client,
            domain_id,
            AppsOf::Space(&space_name),
            deadline,
            poll,
        )
        .await?;
        spaces.push(PlannedSpace {
            status: space.status.as_ref().map(|s| s.as_str().to_owned()),
            apps: space_apps
                .iter()
                .map(|a| PlannedApp {
                    space_name: Some(space_name.clone()),
                    ..planned_app(a)
                })
                .collect(),
            space_name,
        });
    }

    // By name, so that the plan and the job's steps read the same every time.
    spaces.sort_by(|a, b| a.space_name.cmp(&b.space_name));

    let mut kept = vec![Kept {
        what: "EFS home directory".to_owned(),
        id: profile.home_efs_file_system_uid.clone(),
        why: "SageMaker does not delete the domain's EFS volume or the profile's home \
              directory on it; the files stay until someone removes them"
            .to_owned(),
    }];
    kept.push(Kept {
        what: "Shared spaces owned by others".to_owned(),
        id: None,
        why: "Only spaces this profile owns are deleted".to_owned(),
    });
    // Who the person is in IAM Identity Center; how they reach Studio there is asked by
    // whoever shows the plan (the directory is not SageMaker's).
    let access = profile
        .single_sign_on_user_value
        .clone()
        .map(|user_name| PlanAccess {
            user_name,
            direct: false,
            groups: Vec::new(),
            error: None,
        });
    if let Some(access) = &access {
        kept.push(Kept {
            what: "Group memberships in IAM Identity Center".to_owned(),
            id: Some(access.user_name.clone()),
            why: "A delete never changes groups: access through an assigned group stays \
                  until someone removes the person from the group"
                .to_owned(),
        });
    }

    Ok(Some(DeletePlan {
        domain_id: domain_id.to_owned(),
        profile_name: name,
        profile_status: profile.status.as_ref().map(|s| s.as_str().to_owned()),
        home_efs_file_system_uid: profile.home_efs_file_system_uid.clone(),
        apps,
        spaces,
        kept,
        access,
    }))
}

/// Whether an app counts as gone for DeleteUserProfile (AWS: Deleted or Failed).
pub(crate) fn app_is_settled(status: Option<&AppStatus>) -> bool {
    matches!(status, Some(AppStatus::Deleted | AppStatus::Failed))
}

fn planned_app(app: &AppDetails) -> PlannedApp {
    let (action, note) = match &app.status {
        Some(AppStatus::Deleted) => (AppAction::None, Some("already deleted")),
        Some(AppStatus::Failed) => (AppAction::None, Some("Failed apps need no delete")),
        Some(AppStatus::Deleting) => (AppAction::Wait, Some("AWS is deleting it already")),
        // InService, Pending, and statuses newer than this build: ask AWS to delete.
        _ => (AppAction::Delete, None),
    };
    PlannedApp {
        app_type: app
            .app_type
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        app_name: app.app_name.clone().unwrap_or_default(),
        status: app.status.as_ref().map(|s| s.as_str().to_owned()),
        space_name: app.space_name.clone(),
        action,
        note: note.map(str::to_owned),
    }
}

/// Whose apps a listing asks for: a profile's (its spaces' apps may come too) or a space's.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AppsOf<'a> {
    /// The apps of the profile of this name.
    Profile(&'a str),
    /// The apps of the space of this name.
    Space(&'a str),
}

/// Every app of `owner` in the domain `domain_id`, all pages, transient failures retried
/// until `deadline`.
pub(crate) async fn list_apps(
    client: &SageMakerClient,
    domain_id: &str,
    owner: AppsOf<'_>,
    deadline: Instant,
    poll: Backoff,
) -> Result<Vec<AppDetails>, CallStop> {
    let mut request = ListAppsRequest {
        domain_id_equals: Some(domain_id.to_owned()),
        max_results: Some(PAGE_SIZE),
        ..Default::default()
    };
    match owner {
        AppsOf::Profile(name) => request.user_profile_name_equals = Some(name.to_owned()),
        AppsOf::Space(name) => request.space_name_equals = Some(name.to_owned()),
    }
    every_page(client, request, deadline, poll).await
}

/// Every item of every page of `request`, each page's call retried until `deadline`.
async fn every_page<Op: Paged>(
    client: &SageMakerClient,
    mut request: Op,
    deadline: Instant,
    poll: Backoff,
) -> Result<Vec<Op::Item>, CallStop> {
    let mut items = Vec::new();
    let mut seen = HashSet::new();
    loop {
        let page = call_patiently(|| client.page(&request), deadline, poll).await?;
        let (page_items, next_token) = Op::items(page);
        items.extend(page_items.unwrap_or_default());
        match next_token {
            // A token seen before would loop forever; AWS never does that, but be safe.
            Some(token) if !token.is_empty() && seen.insert(token.clone()) => {
                *request.token() = Some(token);
            }
            _ => return Ok(items),
        }
    }
}
