//! The account's Studio domains, loaded once per visit, and the one the person chose
//! (remembered across visits).

use leptos::prelude::*;
use studio_admin_model::{AppNetworkAccessType, AuthMode};

use crate::api::types::Domain;

use super::remembered::{DOMAIN_KEY, recall, remember};
use crate::api::{ApiError, use_api};

/// The domains and the chosen one, shared by every page.
#[derive(Clone, Copy)]
pub struct Domains {
    /// DescribeDomain of every domain (loading: `None`).
    pub list: LocalResource<Result<Vec<Domain>, ApiError>>,
    /// The id of the domain the person chose last, remembered across visits.
    pub chosen: RwSignal<Option<String>>,
}

impl std::fmt::Debug for Domains {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Domains")
            .field("chosen", &self.chosen)
            .finish_non_exhaustive()
    }
}

impl Domains {
    /// Loads the domains and makes them available to every page below.
    pub fn provide() {
        let api = use_api();
        let list = LocalResource::new(move || {
            let api = api.clone();
            async move { api.domains().await }
        });
        provide_context(Self {
            list,
            chosen: RwSignal::new(recall(DOMAIN_KEY)),
        });
    }

    /// The shared domains, when the app provides them.
    pub fn get() -> Option<Self> {
        use_context::<Self>()
    }

    /// The domain `id`, once the list is loaded (reactive).
    pub fn find(&self, id: &str) -> Option<Domain> {
        self.list.with(|loaded| {
            loaded
                .as_ref()?
                .as_ref()
                .ok()?
                .iter()
                .find(|d| d.domain_id.as_deref() == Some(id))
                .cloned()
        })
    }

    /// Makes `id` the chosen domain, now and on the next visit.
    pub fn choose(&self, id: &str) {
        remember(DOMAIN_KEY, id);
        if self.chosen.get_untracked().as_deref() != Some(id) {
            self.chosen.set(Some(id.to_owned()));
        }
    }
}

/// The domain's name, or its id when it has none.
pub fn domain_label(domain: &Domain) -> String {
    domain
        .domain_name
        .clone()
        .or_else(|| domain.domain_id.clone())
        .unwrap_or_else(|| "(unnamed domain)".to_owned())
}

/// How people sign in to the domain, in words.
pub fn auth_mode_label(mode: Option<&AuthMode>) -> String {
    match mode {
        Some(AuthMode::Sso) => "IAM Identity Center (SSO)".to_owned(),
        Some(AuthMode::Iam) | None => "IAM".to_owned(),
        Some(AuthMode::Unknown(other)) => other.clone(),
    }
}

/// How the domain's apps reach the network, in words.
pub fn network_label(access: Option<&AppNetworkAccessType>) -> String {
    match access {
        Some(AppNetworkAccessType::VpcOnly) => "VPC only".to_owned(),
        Some(AppNetworkAccessType::PublicInternetOnly) | None => "Public internet".to_owned(),
        Some(AppNetworkAccessType::Unknown(other)) => other.clone(),
    }
}
