//! `/domains/{domain}/request`: a requester asks for their own profile with the add-user
//! form. The name is theirs and cannot change; what the domain's policy fixes is filled in
//! and shown read-only; submitting sends the request exactly as previewed to
//! `POST /api/requests`, and a team lead decides.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{DomainCrumbs, domain_place, use_domain};
use crate::api::use_api;
use crate::components::{LoadError, Loading};
use crate::profile_form::{FormTarget, StoredForm};
use crate::routes::{param, profiles_href};
use crate::state::Session;

/// The request-a-profile page.
#[component]
pub fn RequestProfilePage() -> impl IntoView {
    let domain_id = param("domain");
    let domain = use_domain(domain_id);
    let api = use_api();
    let policy = LocalResource::new(move || {
        let api = api.clone();
        let domain = domain_id.get();
        async move { api.domain_policy(&domain).await }
    });
    let own_profile = move || {
        Session::get()
            .and_then(|s| s.user.get_untracked())
            .map(|u| u.profile)
            .unwrap_or_default()
    };
    let navigate = use_navigate();
    let on_saved = Callback::new(move |id: String| {
        navigate(
            &format!("/requests/mine?submitted={id}"),
            Default::default(),
        );
    });
    let body = move || match policy.get() {
        None => view! { <Loading label="Loading what your team lead fixed…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                what="The domain's policy could not be loaded."
                reason=error.to_string()
                on_retry=Callback::new(move |()| policy.refetch())
            />
        }
        .into_any(),
        Some(Ok(loaded)) => view! {
            <StoredForm
                what="The domain's policy"
                base=loaded.fixed.clone()
                name=own_profile()
                target=FormTarget::NewRequest
                domain_id=domain_id
                domain
                fixed=Signal::stored(loaded.fixed)
                on_saved=on_saved
                cancel_href=profiles_href(&domain_id.get_untracked())
            />
        }
        .into_any(),
    };
    let about = move || {
        let place = domain_place(domain, domain_id);
        format!(
            "Ask for your own SageMaker Studio user profile in {place}. A team lead reviews the request; values marked \u{201c}Fixed by your team lead\u{201d} are set for everyone in this domain."
        )
    };
    view! {
        <section class="page" aria-labelledby="request-profile-title">
            <DomainCrumbs domain_id current="Request a profile" />
            <h1 id="request-profile-title" class="page-title">
                "Request a profile"
            </h1>
            <p class="page-description">{about}</p>
            {body}
        </section>
    }
}
