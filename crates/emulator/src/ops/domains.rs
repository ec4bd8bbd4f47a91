//! CreateDomain, DescribeDomain, ListDomains, DeleteDomain.

use std::time::Duration;

use studio_admin_model::{
    AppNetworkAccessType, AuthMode, CreateDomainRequest, CreateDomainResponse, DeleteDomainRequest,
    DescribeDomainRequest, DescribeDomainResponse, DomainDetails, DomainStatus, Empty,
    HomeEfsFileSystemCreation, ListDomainsRequest, ListDomainsResponse, TagPropagation,
};

use super::tags::initial_tags;
use super::{cursor, required};
use crate::emulator::Emulator;
use crate::error::ApiError;
use crate::ids;
use crate::lifecycle;
use crate::store::{Domain, Store};

impl Emulator {
    /// CreateDomain: the domain starts `Pending`.
    pub(crate) fn create_domain(
        &self,
        request: CreateDomainRequest,
    ) -> Result<CreateDomainResponse, ApiError> {
        self.insert_domain(request, DomainStatus::Pending, Duration::ZERO)
    }

    pub(crate) fn insert_domain(
        &self,
        request: CreateDomainRequest,
        status: DomainStatus,
        age: Duration,
    ) -> Result<CreateDomainResponse, ApiError> {
        required(&request.domain_name, "DomainName")?;
        let vpc_only = request.app_network_access_type == Some(AppNetworkAccessType::VpcOnly);
        let has_network =
            request.vpc_id.is_some() && request.subnet_ids.as_ref().is_some_and(|s| !s.is_empty());
        if vpc_only && !has_network {
            return Err(ApiError::validation(
                "VpcId and SubnetIds are required when AppNetworkAccessType is VpcOnly.",
            ));
        }
        let tags = initial_tags(request.tags.clone())?;
        let (mut store, now) = self.write();
        let created = now.saturating_sub(age);
        let id = ids::domain_id();
        let arns = self.arns();
        let url = arns.studio_url(&id);
        let sso_application_arn = (request.auth_mode == Some(AuthMode::Sso)).then(|| {
            store
                .identity
                .add_studio_application(arns, &id, &url, created)
        });
        let domain = Domain {
            arn: arns.domain(&id),
            url,
            sso_application_arn,
            tags,
            home_efs_id: ids::efs_id(),
            boundary_security_group: ids::security_group_id(),
            id,
            request,
            created,
            timeline: lifecycle::timeline(status, created, now, &self.config().timings),
        };
        let response = CreateDomainResponse {
            domain_arn: Some(domain.arn.clone()),
            domain_id: Some(domain.id.clone()),
            url: Some(domain.url.clone()),
        };
        store.domains.push(domain);
        Ok(response)
    }

    /// DescribeDomain.
    pub(crate) fn describe_domain(
        &self,
        request: &DescribeDomainRequest,
    ) -> Result<DescribeDomainResponse, ApiError> {
        let id = required(&request.domain_id, "DomainId")?;
        let (store, now) = self.read_now();
        let d = store.the_domain(id, now)?;
        let r = &d.request;
        let clock = self.clock();
        Ok(DescribeDomainResponse {
            app_network_access_type: Some(
                r.app_network_access_type
                    .clone()
                    .unwrap_or(AppNetworkAccessType::PublicInternetOnly),
            ),
            app_security_group_management: r.app_security_group_management.clone(),
            auth_mode: r.auth_mode.clone(),
            creation_time: Some(clock.epoch(d.created)),
            default_space_settings: r.default_space_settings.clone(),
            default_user_settings: r.default_user_settings.clone(),
            domain_arn: Some(d.arn.clone()),
            domain_id: Some(d.id.clone()),
            domain_name: r.domain_name.clone(),
            domain_settings: r.domain_settings.clone(),
            failure_reason: None,
            home_efs_file_system_creation: Some(
                r.home_efs_file_system_creation
                    .clone()
                    .unwrap_or(HomeEfsFileSystemCreation::Enabled),
            ),
            home_efs_file_system_id: Some(d.home_efs_id.clone()),
            home_efs_file_system_kms_key_id: r.home_efs_file_system_kms_key_id.clone(),
            kms_key_id: r.kms_key_id.clone(),
            last_modified_time: Some(clock.epoch(d.timeline.since(now))),
            security_group_id_for_domain_boundary: Some(d.boundary_security_group.clone()),
            single_sign_on_application_arn: d.sso_application_arn.clone(),
            single_sign_on_managed_application_instance_id: d
                .sso_application_arn
                .as_ref()
                .map(|_| format!("ins-{}", &d.id[2..])),
            status: d.timeline.status(now).cloned(),
            subnet_ids: r.subnet_ids.clone(),
            tag_propagation: Some(
                r.tag_propagation
                    .clone()
                    .unwrap_or(TagPropagation::Disabled),
            ),
            url: Some(d.url.clone()),
            vpc_id: r.vpc_id.clone(),
        })
    }

    /// ListDomains: oldest first (the operation has no sort parameters).
    pub(crate) fn list_domains(
        &self,
        request: &ListDomainsRequest,
    ) -> Result<ListDomainsResponse, ApiError> {
        let (store, now) = self.read_now();
        let clock = self.clock();
        let items = store
            .domains
            .iter()
            .filter_map(|d| {
                let status = d.timeline.status(now)?.clone();
                let details = DomainDetails {
                    creation_time: Some(clock.epoch(d.created)),
                    domain_arn: Some(d.arn.clone()),
                    domain_id: Some(d.id.clone()),
                    domain_name: d.request.domain_name.clone(),
                    last_modified_time: Some(clock.epoch(d.timeline.since(now))),
                    status: Some(status),
                    url: Some(d.url.clone()),
                };
                Some((cursor(d.created, d.id.clone()), details))
            })
            .collect();
        let (domains, next_token) = self.page_of(request, items, false, &[])?;
        Ok(ListDomainsResponse {
            domains: Some(domains),
            next_token,
        })
    }

    /// DeleteDomain: refused while the domain still has user profiles or spaces.
    pub(crate) fn delete_domain(&self, request: &DeleteDomainRequest) -> Result<Empty, ApiError> {
        let id = required(&request.domain_id, "DomainId")?;
        let (mut store, now) = self.write();
        let index = store
            .domains
            .iter()
            .position(|d| d.id == id)
            .ok_or_else(|| domain_not_found(id))?;
        if store.domains[index].timeline.status(now) == Some(&DomainStatus::Deleting) {
            return Err(ApiError::in_use(format!(
                "Domain {id} is already being deleted."
            )));
        }
        let profiles = store.profiles.iter().filter(|p| p.domain_id == id).count();
        let spaces = store.spaces.iter().filter(|s| s.domain_id == id).count();
        if profiles + spaces > 0 {
            return Err(ApiError::in_use(format!(
                "Domain {id} cannot be deleted: it still has {profiles} user profile(s) and {spaces} space(s). Delete them first."
            )));
        }
        let delay = self.config().timings.domain_delete;
        store.domains[index]
            .timeline
            .restart(now, DomainStatus::Deleting)
            .and_then(delay, None);
        Ok(Empty {})
    }
}

/// `ResourceNotFound` for a domain id.
pub(crate) fn domain_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Domain {id} does not exist."))
}

impl Store {
    /// The domain `id` unless gone; `ResourceNotFound` otherwise.
    pub(crate) fn the_domain(&self, id: &str, now: Duration) -> Result<&Domain, ApiError> {
        self.domain(id, now).ok_or_else(|| domain_not_found(id))
    }
}
