//! CreateUserProfile, DescribeUserProfile, ListUserProfiles, UpdateUserProfile,
//! DeleteUserProfile.

use std::time::Duration;

use studio_admin_model::{
    AppNetworkAccessType, AuthMode, CreateUserProfileRequest, CreateUserProfileResponse,
    DeleteUserProfileRequest, DescribeUserProfileRequest, DescribeUserProfileResponse, Empty,
    ListUserProfilesRequest, ListUserProfilesResponse, UpdateUserProfileRequest,
    UpdateUserProfileResponse, UserProfileDetails, UserProfileStatus, UserSettings, WireEnum,
};

use super::tags::initial_tags;
use super::{NameInDomain, NamesOne, required};
use crate::emulator::Emulator;
use crate::error::ApiError;
use crate::ids;
use crate::lifecycle;
use crate::store::{Domain, Owner, Profile, Store};

/// The rules a profile's sign-in and network settings must follow in its domain.
fn check_domain_rules(
    domain: &Domain,
    sso: (Option<&String>, Option<&String>),
    settings: Option<&UserSettings>,
) -> Result<(), ApiError> {
    let sso_mode = domain.request.auth_mode == Some(AuthMode::Sso);
    let (identifier, value) = sso;
    if sso_mode && (identifier.is_none() || value.is_none()) {
        return Err(ApiError::validation(
            "SingleSignOnUserIdentifier and SingleSignOnUserValue are required for user profiles in domains with AuthMode SSO.",
        ));
    }
    if !sso_mode && (identifier.is_some() || value.is_some()) {
        return Err(ApiError::validation(
            "SingleSignOnUserIdentifier and SingleSignOnUserValue can only be specified for domains with AuthMode SSO.",
        ));
    }
    let vpc_only = domain.request.app_network_access_type == Some(AppNetworkAccessType::VpcOnly);
    let own = settings.and_then(|s| s.security_groups.as_ref());
    let inherited = domain
        .request
        .default_user_settings
        .as_ref()
        .and_then(|s| s.security_groups.as_ref());
    let groups = own.or(inherited).map_or(0, Vec::len);
    if vpc_only && groups == 0 {
        return Err(ApiError::validation(
            "SecurityGroups are required in UserSettings when the domain's AppNetworkAccessType is VpcOnly, unless the domain's DefaultUserSettings specify them.",
        ));
    }
    Ok(())
}

/// Shallow merge of UserSettings as UpdateUserProfile applies it: each member given
/// replaces the stored member; members not given are kept.
fn merge_settings(
    stored: Option<&UserSettings>,
    update: &UserSettings,
) -> Result<UserSettings, ApiError> {
    let to_value = |s: &UserSettings| serde_json::to_value(s);
    let internal = |e: serde_json::Error| {
        ApiError::new(
            crate::error::ErrorCode::InternalFailure,
            format!("settings could not be merged: {e}"),
        )
    };
    let mut merged = match stored {
        Some(s) => to_value(s).map_err(internal)?,
        None => serde_json::json!({}),
    };
    if let (Some(target), serde_json::Value::Object(changes)) =
        (merged.as_object_mut(), to_value(update).map_err(internal)?)
    {
        target.extend(changes);
    }
    serde_json::from_value(merged).map_err(internal)
}

impl Store {
    /// Why a profile cannot be deleted now, if it cannot.
    fn profile_blockers(&self, domain_id: &str, name: &str, now: Duration) -> Option<String> {
        let owner = Owner::User(name.to_owned());
        let apps: Vec<String> = self
            .live_apps(domain_id, &owner, now)
            .map(|a| {
                let status = a.timeline.status(now).map_or("", |s| s.as_str());
                format!("{}/{} ({status})", a.app_type, a.name)
            })
            .collect();
        if !apps.is_empty() {
            return Some(format!(
                "User profile {name} cannot be deleted because it has apps that are not Deleted or Failed: {}. Delete the apps first.",
                apps.join(", ")
            ));
        }
        let spaces: Vec<&str> = self
            .owned_spaces(domain_id, name, now)
            .map(|s| s.name.as_str())
            .collect();
        if !spaces.is_empty() {
            return Some(format!(
                "User profile {name} cannot be deleted because it owns spaces: {}. Delete the spaces first.",
                spaces.join(", ")
            ));
        }
        None
    }
}

/// In an SSO-mode domain, the user a profile names must be a user of the domain's IAM
/// Identity Center directory, as AWS requires ("must match a valid username of a user in
/// your directory"). Seeded profiles skip this check, so tests can make any profile.
fn check_directory_user(
    store: &Store,
    request: &CreateUserProfileRequest,
    now: Duration,
) -> Result<(), ApiError> {
    let (Some(domain_id), Some(user_name)) = (
        request.domain_id.as_deref(),
        request.single_sign_on_user_value.as_deref(),
    ) else {
        return Ok(());
    };
    // An unknown domain, or a profile of an IAM domain, is refused by the other rules.
    let sso = store
        .domain(domain_id, now)
        .is_some_and(|d| d.request.auth_mode == Some(AuthMode::Sso));
    if !sso || store.identity.user_named(user_name).is_some() {
        return Ok(());
    }
    Err(ApiError::validation(format!(
        "User {user_name} does not exist in the IAM Identity Center directory of domain {domain_id}. SingleSignOnUserValue must match a valid username of a user in your directory."
    )))
}

impl Emulator {
    /// CreateUserProfile: the profile starts `Pending`.
    pub(crate) fn create_user_profile(
        &self,
        request: CreateUserProfileRequest,
    ) -> Result<CreateUserProfileResponse, ApiError> {
        check_directory_user(&self.read(), &request, self.now())?;
        self.insert_user_profile(request, UserProfileStatus::Pending, Duration::ZERO)
    }

    pub(crate) fn insert_user_profile(
        &self,
        request: CreateUserProfileRequest,
        status: UserProfileStatus,
        age: Duration,
    ) -> Result<CreateUserProfileResponse, ApiError> {
        let domain_id = required(&request.domain_id, "DomainId")?.to_owned();
        let name = required(&request.user_profile_name, "UserProfileName")?.to_owned();
        let tags = initial_tags(request.tags)?;
        let (mut store, now) = self.write();
        let created = now.saturating_sub(age);
        let domain = store.the_domain(&domain_id, now)?;
        check_domain_rules(
            domain,
            (
                request.single_sign_on_user_identifier.as_ref(),
                request.single_sign_on_user_value.as_ref(),
            ),
            request.user_settings.as_ref(),
        )?;
        if let Ok(existing) = store.the::<Profile>(&domain_id, &name, now) {
            let note = if existing.name == name {
                String::new()
            } else {
                format!(
                    " (as {}: user profile names are not case sensitive)",
                    existing.name
                )
            };
            return Err(ApiError::in_use(format!(
                "Resource Already Exists: User profile {name} already exists in domain {domain_id}{note}."
            )));
        }
        let arn = self.arns().user_profile(&domain_id, &name);
        let failure_reason = matches!(
            status,
            UserProfileStatus::Failed
                | UserProfileStatus::UpdateFailed
                | UserProfileStatus::DeleteFailed
        )
        .then(|| failure_reason_for(&status));
        store.profiles.push(Profile {
            domain_id,
            name,
            arn: arn.clone(),
            settings: request.user_settings,
            sso_identifier: request.single_sign_on_user_identifier,
            sso_value: request.single_sign_on_user_value,
            home_uid: ids::efs_uid(),
            failure_reason,
            tags,
            created,
            timeline: lifecycle::timeline(status, created, now, &self.config().timings),
        });
        Ok(CreateUserProfileResponse {
            user_profile_arn: Some(arn),
        })
    }

    /// DescribeUserProfile (the name in any case).
    pub(crate) fn describe_user_profile(
        &self,
        request: &DescribeUserProfileRequest,
    ) -> Result<DescribeUserProfileResponse, ApiError> {
        let NameInDomain { domain_id, name } = request.key()?;
        let (store, now) = self.read_now();
        let p = store.the::<Profile>(domain_id, name, now)?;
        let clock = self.clock();
        let status = p.timeline.status(now).cloned();
        let failed = matches!(
            status,
            Some(
                UserProfileStatus::Failed
                    | UserProfileStatus::UpdateFailed
                    | UserProfileStatus::DeleteFailed
            )
        );
        Ok(DescribeUserProfileResponse {
            creation_time: Some(clock.epoch(p.created)),
            domain_id: Some(p.domain_id.clone()),
            failure_reason: if failed {
                p.failure_reason.clone()
            } else {
                None
            },
            home_efs_file_system_uid: Some(p.home_uid.clone()),
            last_modified_time: Some(clock.epoch(p.timeline.since(now))),
            single_sign_on_user_identifier: p.sso_identifier.clone(),
            single_sign_on_user_value: p.sso_value.clone(),
            status,
            user_profile_arn: Some(p.arn.clone()),
            user_profile_name: Some(p.name.clone()),
            user_settings: p.settings.clone(),
        })
    }

    /// ListUserProfiles: filters by domain and by a part of the name (any case).
    pub(crate) fn list_user_profiles(
        &self,
        request: &ListUserProfilesRequest,
    ) -> Result<ListUserProfilesResponse, ApiError> {
        let store = self.read();
        let clock = self.clock();
        let (user_profiles, next_token) =
            self.page_in_domain(request, &store.profiles, |p, status, modified| {
                UserProfileDetails {
                    creation_time: Some(clock.epoch(p.created)),
                    domain_id: Some(p.domain_id.clone()),
                    last_modified_time: Some(clock.epoch(modified)),
                    status: Some(status),
                    user_profile_name: Some(p.name.clone()),
                }
            })?;
        Ok(ListUserProfilesResponse {
            next_token,
            user_profiles: Some(user_profiles),
        })
    }

    /// UpdateUserProfile: merges the settings; the profile goes `Updating`, then
    /// `InService`.
    pub(crate) fn update_user_profile(
        &self,
        request: &UpdateUserProfileRequest,
    ) -> Result<UpdateUserProfileResponse, ApiError> {
        let NameInDomain { domain_id, name } = request.key()?;
        let (mut store, now) = self.write();
        let domain = store.the_domain(domain_id, now)?;
        let index = store.the_index::<Profile>(domain_id, name, now)?;
        let profile = &store.profiles[index];
        let status = profile.timeline.status(now).cloned();
        if let Some(
            busy @ (UserProfileStatus::Pending
            | UserProfileStatus::Updating
            | UserProfileStatus::Deleting),
        ) = &status
        {
            return Err(ApiError::in_use(format!(
                "User profile {} cannot be updated while it is {busy}.",
                profile.name
            )));
        }
        let settings = match &request.user_settings {
            Some(update) => Some(merge_settings(profile.settings.as_ref(), update)?),
            None => profile.settings.clone(),
        };
        check_domain_rules(
            domain,
            (profile.sso_identifier.as_ref(), profile.sso_value.as_ref()),
            settings.as_ref(),
        )?;
        let arn = profile.arn.clone();
        let delay = self.config().timings.profile_update;
        let profile = &mut store.profiles[index];
        profile.settings = settings;
        profile.failure_reason = None;
        profile
            .timeline
            .restart(now, UserProfileStatus::Updating)
            .and_then(delay, Some(UserProfileStatus::InService));
        Ok(UpdateUserProfileResponse {
            user_profile_arn: Some(arn),
        })
    }

    /// DeleteUserProfile: refused while the profile has live apps or owns spaces.
    pub(crate) fn delete_user_profile(
        &self,
        request: &DeleteUserProfileRequest,
    ) -> Result<Empty, ApiError> {
        let NameInDomain { domain_id, name } = request.key()?;
        let (mut store, now) = self.write();
        let index = store.the_index::<Profile>(domain_id, name, now)?;
        let profile = &store.profiles[index];
        if profile.timeline.status(now) == Some(&UserProfileStatus::Deleting) {
            return Err(ApiError::in_use(format!(
                "User profile {} is already being deleted.",
                profile.name
            )));
        }
        if let Some(reason) = store.profile_blockers(domain_id, &profile.name, now) {
            return Err(ApiError::in_use(reason));
        }
        let delay = self.config().timings.profile_delete;
        store.profiles[index]
            .timeline
            .restart(now, UserProfileStatus::Deleting)
            .and_then(delay, None);
        Ok(Empty {})
    }
}

/// What AWS reports for profiles seeded in a failed status.
fn failure_reason_for(status: &UserProfileStatus) -> String {
    match status {
        UserProfileStatus::DeleteFailed => {
            "Unable to delete the user profile's home directory on the domain's EFS volume: access denied by the file system policy.".to_owned()
        }
        UserProfileStatus::UpdateFailed => {
            "The execution role could not be assumed by SageMaker.".to_owned()
        }
        _ => "The user profile could not be created: the execution role could not be assumed by SageMaker.".to_owned(),
    }
}
