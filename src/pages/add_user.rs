//! `/domains/{domain}/add-user`: the add-user form; once created, the new profile's page
//! follows it from Pending to InService.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{DomainCrumbs, use_domain};
use crate::components::NotAllowed;
use crate::profile_form::ProfileForm;
use crate::profile_form::model::FormMode;
use crate::routes::{param, profile_href, profiles_href};
use crate::state::{
    asks_for_profiles, auth_mode_label, domain_label, may_change_profiles, network_label,
};

/// The add-user page.
#[component]
pub fn AddUserPage() -> impl IntoView {
    let domain_id = param("domain");
    let domain = use_domain(domain_id);
    let navigate = use_navigate();
    let on_saved = Callback::new(move |name: String| {
        let href = format!(
            "{}?created=1",
            profile_href(&domain_id.get_untracked(), &name)
        );
        navigate(&href, Default::default());
    });
    let about = move || match domain.get() {
        Some(d) => format!(
            "New SageMaker Studio user profile in {} ({} sign-in, {} network). Each value is checked as you type; nothing is sent until you choose Create profile.",
            domain_label(&d),
            auth_mode_label(d.auth_mode.as_ref()),
            network_label(d.app_network_access_type.as_ref()),
        ),
        None => "New SageMaker Studio user profile. Each value is checked as you type.".to_owned(),
    };
    view! {
        <section class="page" aria-labelledby="add-user-title">
            <DomainCrumbs domain_id current="Add user" />
            <h1 id="add-user-title" class="page-title">
                "Add user"
            </h1>
            <p class="page-description">{about}</p>
            <Show
                when=move || may_change_profiles(&domain_id.get())
                fallback=move || view! { <NotAllowedToAdd domain_id /> }
            >
                <ProfileForm
                    mode=FormMode::Create
                    domain_id=domain_id
                    domain
                    on_saved
                    cancel_href=profiles_href(&domain_id.get_untracked())
                />
            </Show>
        </section>
    }
}

/// In place of the form for people who may not create profiles in the domain: requesters
/// are sent to ask for their own.
#[component]
fn NotAllowedToAdd(
    /// The domain's id.
    domain_id: Memo<String>,
) -> impl IntoView {
    let request = asks_for_profiles().then(|| {
        view! {
            <a class="button button-primary" href=format!("/domains/{}/request", domain_id.get_untracked())>
                "Request a profile for yourself"
            </a>
        }
    });
    view! {
        <NotAllowed title="Your role does not create profiles in this domain.">
            <p>"A team lead of the domain or an admin adds users."</p>
            {request}
        </NotAllowed>
    }
}
