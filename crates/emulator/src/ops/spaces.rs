//! CreateSpace, DescribeSpace, ListSpaces, DeleteSpace.

use std::time::Duration;

use studio_admin_model::{
    CreateSpaceRequest, CreateSpaceResponse, DeleteSpaceRequest, DescribeSpaceRequest,
    DescribeSpaceResponse, Empty, ListSpacesRequest, ListSpacesResponse, OwnershipSettingsSummary,
    SpaceDetails, SpaceSettingsSummary, SpaceSharingSettingsSummary, SpaceStatus, WireEnum,
};

use super::tags::initial_tags;
use super::{NameInDomain, NamesOne, required};
use crate::emulator::Emulator;
use crate::error::ApiError;
use crate::ids;
use crate::lifecycle;
use crate::store::{Owner, Profile, Space};

impl Emulator {
    /// CreateSpace: the space starts `Pending`.
    pub(crate) fn create_space(
        &self,
        request: CreateSpaceRequest,
    ) -> Result<CreateSpaceResponse, ApiError> {
        self.insert_space(request, SpaceStatus::Pending, Duration::ZERO)
    }

    pub(crate) fn insert_space(
        &self,
        request: CreateSpaceRequest,
        status: SpaceStatus,
        age: Duration,
    ) -> Result<CreateSpaceResponse, ApiError> {
        let domain_id = required(&request.domain_id, "DomainId")?.to_owned();
        let name = required(&request.space_name, "SpaceName")?.to_owned();
        if request.ownership_settings.is_some() != request.space_sharing_settings.is_some() {
            return Err(ApiError::validation(
                "OwnershipSettings and SpaceSharingSettings must be specified together.",
            ));
        }
        let tags = initial_tags(request.tags)?;
        let (mut store, now) = self.write();
        let created = now.saturating_sub(age);
        store.the_domain(&domain_id, now)?;
        let mut ownership = request.ownership_settings;
        if let Some(owner) = ownership
            .as_mut()
            .and_then(|o| o.owner_user_profile_name.as_mut())
        {
            let profile = store.the::<Profile>(&domain_id, owner, now)?;
            // Keep the owner's name as it was created, whatever case the request used.
            *owner = profile.name.clone();
        }
        if store.the::<Space>(&domain_id, &name, now).is_ok() {
            return Err(ApiError::in_use(format!(
                "Resource Already Exists: Space {name} already exists in domain {domain_id}."
            )));
        }
        let arn = self.arns().space(&domain_id, &name);
        let url = format!(
            "https://{}.studio.{}.sagemaker.aws/jupyterlab/default",
            &domain_id[2.min(domain_id.len())..],
            self.arns().region()
        );
        store.spaces.push(Space {
            domain_id,
            name,
            arn: arn.clone(),
            settings: request.space_settings,
            ownership,
            sharing: request.space_sharing_settings,
            display_name: request.space_display_name,
            home_uid: ids::efs_uid(),
            url,
            failure_reason: None,
            tags,
            created,
            timeline: lifecycle::timeline(status, created, now, &self.config().timings),
        });
        Ok(CreateSpaceResponse {
            space_arn: Some(arn),
        })
    }

    /// DescribeSpace.
    pub(crate) fn describe_space(
        &self,
        request: &DescribeSpaceRequest,
    ) -> Result<DescribeSpaceResponse, ApiError> {
        let NameInDomain { domain_id, name } = request.key()?;
        let (store, now) = self.read_now();
        let s = store.the::<Space>(domain_id, name, now)?;
        let clock = self.clock();
        Ok(DescribeSpaceResponse {
            creation_time: Some(clock.epoch(s.created)),
            domain_id: Some(s.domain_id.clone()),
            failure_reason: s.failure_reason.clone(),
            home_efs_file_system_uid: Some(s.home_uid.clone()),
            last_modified_time: Some(clock.epoch(s.timeline.since(now))),
            ownership_settings: s.ownership.clone(),
            space_arn: Some(s.arn.clone()),
            space_display_name: s.display_name.clone(),
            space_name: Some(s.name.clone()),
            space_settings: s.settings.clone(),
            space_sharing_settings: s.sharing.clone(),
            status: s.timeline.status(now).cloned(),
            url: Some(s.url.clone()),
        })
    }

    /// ListSpaces: filters by domain and by a part of the name (any case).
    pub(crate) fn list_spaces(
        &self,
        request: &ListSpacesRequest,
    ) -> Result<ListSpacesResponse, ApiError> {
        let store = self.read();
        let clock = self.clock();
        let (spaces, next_token) =
            self.page_in_domain(request, &store.spaces, |s, status, modified| SpaceDetails {
                creation_time: Some(clock.epoch(s.created)),
                domain_id: Some(s.domain_id.clone()),
                last_modified_time: Some(clock.epoch(modified)),
                ownership_settings_summary: s.owner().map(|o| OwnershipSettingsSummary {
                    owner_user_profile_name: Some(o.to_owned()),
                }),
                space_display_name: s.display_name.clone(),
                space_name: Some(s.name.clone()),
                space_settings_summary: s.settings.as_ref().map(|settings| SpaceSettingsSummary {
                    app_type: settings.app_type.clone(),
                    remote_access: settings.remote_access.clone(),
                    space_storage_settings: settings.space_storage_settings.clone(),
                }),
                space_sharing_settings_summary: s.sharing.as_ref().map(|sharing| {
                    SpaceSharingSettingsSummary {
                        sharing_type: sharing.sharing_type.clone(),
                    }
                }),
                status: Some(status),
            })?;
        Ok(ListSpacesResponse {
            next_token,
            spaces: Some(spaces),
        })
    }

    /// DeleteSpace: refused while the space has apps that are not Deleted or Failed.
    pub(crate) fn delete_space(&self, request: &DeleteSpaceRequest) -> Result<Empty, ApiError> {
        let NameInDomain { domain_id, name } = request.key()?;
        let (mut store, now) = self.write();
        let index = store.the_index::<Space>(domain_id, name, now)?;
        let space = &store.spaces[index];
        if space.timeline.status(now) == Some(&SpaceStatus::Deleting) {
            return Err(ApiError::in_use(format!(
                "Space {} is already being deleted.",
                space.name
            )));
        }
        let owner = Owner::Space(space.name.clone());
        let apps: Vec<String> = store
            .live_apps(domain_id, &owner, now)
            .map(|a| {
                let status = a.timeline.status(now).map_or("", |s| s.as_str());
                format!("{}/{} ({status})", a.app_type, a.name)
            })
            .collect();
        if !apps.is_empty() {
            return Err(ApiError::in_use(format!(
                "Space {} cannot be deleted because it has apps that are not Deleted or Failed: {}. Delete the apps first.",
                space.name,
                apps.join(", ")
            )));
        }
        let delay = self.config().timings.space_delete;
        store.spaces[index]
            .timeline
            .restart(now, SpaceStatus::Deleting)
            .and_then(delay, None);
        Ok(Empty {})
    }
}
