//! What several pages load from the proxy: a profile, its tags, a domain's policy,
//! onboarding requests (each
//! loaded again when the address it comes from changes), and the words shown while a
//! profile or a request loads.

use leptos::prelude::*;
use studio_admin_model::Tag;

use crate::api::types::{DomainPolicy, OnboardingRequest, ProfileDetail, RequestQuery};
use crate::api::{ApiError, use_api};
use crate::components::{LoadWords, loaded};

/// What a page says while a profile loads and when it cannot.
pub const PROFILE_WORDS: LoadWords = LoadWords {
    loading: "Loading the profile…",
    failed: "The profile could not be loaded.",
};

/// What a page says while an onboarding request loads and when it cannot.
pub const REQUEST_WORDS: LoadWords = LoadWords {
    loading: "Loading the request…",
    failed: "The request could not be loaded.",
};

/// What a page says while a profile's tags load and when they cannot.
const TAG_WORDS: LoadWords = LoadWords {
    loading: "Loading the tags…",
    failed: "The tags could not be loaded.",
};

/// The profile `name` of the domain `domain_id`.
pub fn load_profile(
    domain_id: Memo<String>,
    name: Memo<String>,
) -> LocalResource<Result<ProfileDetail, ApiError>> {
    let api = use_api();
    LocalResource::new(move || {
        let api = api.clone();
        let (domain, name) = (domain_id.get(), name.get());
        async move { api.profile(&domain, &name).await }
    })
}

/// The tags of the profile `name` (ListTags on its ARN, every page), drawn by `ready`
/// once loaded; a call of their own, so the rest of the page does not wait for them.
pub fn loaded_tags(
    domain_id: Memo<String>,
    name: Memo<String>,
    ready: impl Fn(Vec<Tag>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let api = use_api();
    let tags = LocalResource::new(move || {
        let api = api.clone();
        let (domain, name) = (domain_id.get(), name.get());
        async move { api.profile_tags(&domain, &name).await }
    });
    loaded(tags, TAG_WORDS, move |loaded| ready(loaded.tags))
}

/// The policy of the domain `domain_id`: what requesters cannot change.
pub fn load_policy(domain_id: Memo<String>) -> LocalResource<Result<DomainPolicy, ApiError>> {
    let api = use_api();
    LocalResource::new(move || {
        let api = api.clone();
        let domain = domain_id.get();
        async move { api.domain_policy(&domain).await }
    })
}

/// The onboarding requests `query` finds (it is read as the request goes out, and
/// followed), asked again whenever `refresh` is notified.
pub fn load_requests(
    refresh: Trigger,
    query: impl Fn() -> RequestQuery + Send + Sync + 'static,
) -> LocalResource<Result<Vec<OnboardingRequest>, ApiError>> {
    let api = use_api();
    LocalResource::new(move || {
        refresh.track();
        let api = api.clone();
        let query = query();
        async move { api.requests(&query).await }
    })
}
