//! CreateApp, DescribeApp, ListApps, DeleteApp.

use std::time::Duration;

use studio_admin_model::{
    AppDetails, AppInstanceType, AppStatus, AppType, CreateAppRequest, CreateAppResponse,
    DeleteAppRequest, DescribeAppRequest, DescribeAppResponse, Empty, ListAppsRequest,
    ListAppsResponse, ResourceSpec, WireEnum,
};

use super::tags::initial_tags;
use super::{NamesOne, cursor, descending, required};
use crate::emulator::Emulator;
use crate::error::ApiError;
use crate::lifecycle;
use crate::store::{App, Owner, Profile, Space, Store};

/// The owner named by a request: exactly one of UserProfileName and SpaceName.
fn owner(user: Option<&String>, space: Option<&String>) -> Result<Owner, ApiError> {
    match (user, space) {
        (Some(u), None) => Ok(Owner::User(u.clone())),
        (None, Some(s)) => Ok(Owner::Space(s.clone())),
        _ => Err(ApiError::validation(
            "Exactly one of UserProfileName or SpaceName must be specified.",
        )),
    }
}

/// The app a DescribeApp or DeleteApp request names.
pub(super) struct AppKey<'a> {
    domain_id: &'a str,
    owner: Owner,
    app_type: AppType,
    name: &'a str,
}

names_one!(AppKey for DescribeAppRequest, DeleteAppRequest => |r| AppKey {
    domain_id: required(&r.domain_id, "DomainId")?,
    name: required(&r.app_name, "AppName")?,
    app_type: required_type(r.app_type.as_ref())?,
    owner: owner(r.user_profile_name.as_ref(), r.space_name.as_ref())?,
});

impl AppKey<'_> {
    /// `ResourceNotFound` for this app.
    fn not_found(&self) -> ApiError {
        let kind = match self.owner {
            Owner::User(_) => "user profile",
            Owner::Space(_) => "space",
        };
        ApiError::not_found(format!(
            "App {}/{} of {kind} {} does not exist in domain {}.",
            self.app_type,
            self.name,
            self.owner.name(),
            self.domain_id
        ))
    }
}

/// The instance an app runs on when the request names none: JupyterServer apps run on
/// the `system` instance, others on the smallest general-purpose instance.
fn default_resource_spec(app_type: &AppType) -> ResourceSpec {
    let instance = match app_type {
        AppType::JupyterServer => AppInstanceType::System,
        _ => AppInstanceType::MlT3Medium,
    };
    ResourceSpec {
        instance_type: Some(instance),
        ..ResourceSpec::default()
    }
}

impl Store {
    /// Where the app `key` names is (in a domain that exists), or `ResourceNotFound`.
    fn the_app(&self, key: &AppKey<'_>, now: Duration) -> Result<usize, ApiError> {
        self.the_domain(key.domain_id, now)?;
        self.app_index(key.domain_id, &key.owner, &key.app_type, key.name, now)
            .ok_or_else(|| key.not_found())
    }

    /// Checks that the owner exists; space apps must be of a space app type.
    fn check_owner(
        &self,
        domain_id: &str,
        owner: &Owner,
        app_type: &AppType,
        now: Duration,
    ) -> Result<Owner, ApiError> {
        let space_type = matches!(app_type, AppType::JupyterLab | AppType::CodeEditor);
        match owner {
            Owner::User(name) => {
                if space_type {
                    return Err(ApiError::validation(format!(
                        "Apps of type {app_type} run in a space: specify SpaceName instead of UserProfileName."
                    )));
                }
                let p = self.the::<Profile>(domain_id, name, now)?;
                Ok(Owner::User(p.name.clone()))
            }
            Owner::Space(name) => {
                if !space_type {
                    return Err(ApiError::validation(format!(
                        "Apps of type {app_type} cannot run in a space: use JupyterLab or CodeEditor."
                    )));
                }
                let s = self.the::<Space>(domain_id, name, now)?;
                Ok(Owner::Space(s.name.clone()))
            }
        }
    }
}

impl Emulator {
    /// CreateApp: the app starts `Pending`.
    pub(crate) fn create_app(
        &self,
        request: CreateAppRequest,
    ) -> Result<CreateAppResponse, ApiError> {
        self.insert_app(request, AppStatus::Pending, Duration::ZERO, None)
    }

    /// Adds an app created `age` ago in `status`; `idle` is how long ago its user last did
    /// something in it, when that is not the moment it came into service.
    pub(crate) fn insert_app(
        &self,
        request: CreateAppRequest,
        status: AppStatus,
        age: Duration,
        idle: Option<Duration>,
    ) -> Result<CreateAppResponse, ApiError> {
        let domain_id = required(&request.domain_id, "DomainId")?.to_owned();
        let name = required(&request.app_name, "AppName")?.to_owned();
        let app_type = required_type(request.app_type.as_ref())?;
        let wanted = owner(
            request.user_profile_name.as_ref(),
            request.space_name.as_ref(),
        )?;
        let tags = initial_tags(request.tags)?;
        let (mut store, now) = self.write();
        let created = now.saturating_sub(age);
        store.the_domain(&domain_id, now)?;
        let owner = store.check_owner(&domain_id, &wanted, &app_type, now)?;
        if let Some(i) = store.app_index(&domain_id, &owner, &app_type, &name, now)
            && store.apps[i].timeline.status(now) != Some(&AppStatus::Deleted)
        {
            return Err(ApiError::in_use(format!(
                "Resource Already Exists: App {app_type}/{name} of {} already exists with status {}.",
                owner.name(),
                store.apps[i]
                    .timeline
                    .status(now)
                    .map_or("", |s| s.as_str())
            )));
        }
        let arn = self.arns().app(&domain_id, owner.name(), &app_type, &name);
        let failure_reason = (status == AppStatus::Failed).then(|| {
            "The app failed to start: the kernel gateway did not become healthy within 10 minutes.".to_owned()
        });
        store.apps.push(App {
            domain_id,
            resource_spec: Some(
                request
                    .resource_spec
                    .unwrap_or_else(|| default_resource_spec(&app_type)),
            ),
            owner,
            app_type,
            name,
            arn: arn.clone(),
            recovery_mode: request.recovery_mode,
            failure_reason,
            tags,
            last_activity: idle.map(|idle| now.saturating_sub(idle).max(created)),
            created,
            timeline: lifecycle::timeline(status, created, now, &self.config().timings),
        });
        Ok(CreateAppResponse { app_arn: Some(arn) })
    }

    /// DescribeApp: deleted apps are still described while they are listed.
    pub(crate) fn describe_app(
        &self,
        request: &DescribeAppRequest,
    ) -> Result<DescribeAppResponse, ApiError> {
        let key = request.key()?;
        let (store, now) = self.read_now();
        let app = &store.apps[store.the_app(&key, now)?];
        let clock = self.clock();
        let status = app.timeline.status(now).cloned();
        let in_service = status == Some(AppStatus::InService);
        let (user, space) = owner_members(&app.owner);
        Ok(DescribeAppResponse {
            app_arn: Some(app.arn.clone()),
            app_name: Some(app.name.clone()),
            app_type: Some(app.app_type.clone()),
            creation_time: Some(clock.epoch(app.created)),
            domain_id: Some(app.domain_id.clone()),
            failure_reason: if status == Some(AppStatus::Failed) {
                app.failure_reason.clone()
            } else {
                None
            },
            last_health_check_timestamp: in_service.then(|| clock.epoch(now)),
            last_user_activity_timestamp: in_service
                .then(|| clock.epoch(app.last_activity.unwrap_or(app.timeline.since(now)))),
            recovery_mode: app.recovery_mode,
            resource_spec: app.resource_spec.clone(),
            space_name: space,
            status,
            user_profile_name: user,
            ..DescribeAppResponse::default()
        })
    }

    /// ListApps: filters by domain and by user profile or space (not both).
    pub(crate) fn list_apps(
        &self,
        request: &ListAppsRequest,
    ) -> Result<ListAppsResponse, ApiError> {
        if request.user_profile_name_equals.is_some() && request.space_name_equals.is_some() {
            return Err(ApiError::validation(
                "UserProfileNameEquals and SpaceNameEquals cannot be specified together.",
            ));
        }
        let (store, now) = self.read_now();
        let clock = self.clock();
        let items = store
            .apps
            .iter()
            .filter(|a| {
                request
                    .domain_id_equals
                    .as_ref()
                    .is_none_or(|d| &a.domain_id == d)
                    && request
                        .user_profile_name_equals
                        .as_ref()
                        .is_none_or(|u| a.owner.is(&Owner::User(u.clone())))
                    && request
                        .space_name_equals
                        .as_ref()
                        .is_none_or(|s| a.owner.is(&Owner::Space(s.clone())))
            })
            .filter_map(|a| {
                let status = a.timeline.status(now)?.clone();
                let (user, space) = owner_members(&a.owner);
                let details = AppDetails {
                    app_name: Some(a.name.clone()),
                    app_type: Some(a.app_type.clone()),
                    creation_time: Some(clock.epoch(a.created)),
                    domain_id: Some(a.domain_id.clone()),
                    resource_spec: a.resource_spec.clone(),
                    space_name: space,
                    status: Some(status),
                    user_profile_name: user,
                };
                // Re-created apps share an ARN with their deleted predecessors; the creation
                // moment keeps the cursor unique.
                let id = format!("{}#{}", a.arn, a.created.as_nanos());
                Some((cursor(a.created, id), details))
            })
            .collect();
        let (apps, next_token) = self.page_of(
            request,
            items,
            descending(request.sort_order.as_ref()),
            &[
                request.domain_id_equals.as_deref().unwrap_or(""),
                request.user_profile_name_equals.as_deref().unwrap_or(""),
                request.space_name_equals.as_deref().unwrap_or(""),
                request.sort_order.as_ref().map_or("", |s| s.as_str()),
            ],
        )?;
        Ok(ListAppsResponse {
            apps: Some(apps),
            next_token,
        })
    }

    /// DeleteApp: the app goes `Deleting`, then `Deleted` (and stays listed a while).
    pub(crate) fn delete_app(&self, request: &DeleteAppRequest) -> Result<Empty, ApiError> {
        let key = request.key()?;
        let (mut store, now) = self.write();
        let index = store.the_app(&key, now)?;
        match store.apps[index].timeline.status(now) {
            Some(AppStatus::Deleted) | None => return Err(key.not_found()),
            Some(AppStatus::Deleting) => {
                return Err(ApiError::in_use(format!(
                    "App {}/{} of {} is already being deleted.",
                    key.app_type,
                    key.name,
                    key.owner.name()
                )));
            }
            Some(_) => {}
        }
        let timings = &self.config().timings;
        store.apps[index]
            .timeline
            .restart(now, AppStatus::Deleting)
            .and_then(timings.app_delete, Some(AppStatus::Deleted))
            .and_then(timings.deleted_app_retention, None);
        Ok(Empty {})
    }
}

/// The AppType member, which the model requires (guards the seeding API).
fn required_type(app_type: Option<&AppType>) -> Result<AppType, ApiError> {
    app_type.cloned().ok_or_else(|| {
        ApiError::validation(
            "1 validation error detected: Value null at 'appType' failed to satisfy constraint: Member must not be null",
        )
    })
}

/// `(UserProfileName, SpaceName)` members for an app's owner.
fn owner_members(owner: &Owner) -> (Option<String>, Option<String>) {
    match owner {
        Owner::User(u) => (Some(u.clone()), None),
        Owner::Space(s) => (None, Some(s.clone())),
    }
}
