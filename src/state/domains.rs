//! The account's Studio domains the signed-in person may see, loaded once per sign-in,
//! and the one the person chose (remembered across visits).

use leptos::prelude::*;
use studio_admin_model::{AppNetworkAccessType, AuthMode};

use crate::api::types::Domain;

use super::remembered::{DOMAIN_KEY, recall, remember};
use super::session::Session;
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
    /// Loads the domains (again whenever someone else signs in) and makes them available
    /// to every page below.
    pub fn provide() {
        let api = use_api();
        let session = Session::get();
        // Whose domains the list holds (the name of the person, or nobody).
        let fetched_for = StoredValue::new(None::<Option<String>>);
        let list = LocalResource::new(move || {
            let api = api.clone();
            // Without a session (a page mounted alone) the server decides alone.
            let user = session.map(|s| s.user.get_untracked());
            fetched_for.set_value(user.clone().map(|u| u.map(|u| u.name)));
            async move {
                let scope = match user {
                    Some(None) => return Ok(Vec::new()),
                    Some(Some(user)) => Some(user),
                    None => None,
                };
                let mut domains = api.domains().await?;
                // The server lists only the person's domains; the page does not rely on it.
                if let Some(user) = scope {
                    domains.retain(|d| d.domain_id.as_deref().is_some_and(|id| user.sees(id)));
                }
                Ok(domains)
            }
        });
        // Someone else signed in (or nobody is): their domains, not the last person's.
        if let Some(session) = session {
            Effect::new(move |_| {
                let name = session.user.with(|u| u.as_ref().map(|u| u.name.clone()));
                if fetched_for.get_value() != Some(name) {
                    list.refetch();
                }
            });
        }
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
