//! `/domains/{domain}/add-user`: the add-user form; once created, the new profile's page
//! follows it from Pending to InService.

use leptos::prelude::*;

use super::{domain_crumbs, open_saved_profile, use_domain};
use crate::api::types::{Domain, Permission};
use crate::components::{Needs, Page};
use crate::profile_form::ProfileForm;
use crate::profile_form::model::FormMode;
use crate::routes::{param, profiles_href};
use crate::state::{asks_for_profiles, auth_mode_label, domain_label, network_label};

/// The add-user page (leads and admins of the domain).
#[component]
pub fn AddUserPage() -> impl IntoView {
    let domain_id = param("domain");
    let domain = use_domain(domain_id);
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
        <Page
            title_id="add-user-title"
            title="Add user"
            description=about
            crumbs=domain_crumbs(domain_id, "Add user")
            needs=Needs::in_domain(Permission::ChangeProfiles, domain_id)
            instead=move || view! { <AddInstead domain_id /> }
        >
            <AddUser domain_id domain />
        </Page>
    }
}

/// The form; once the profile is created, its page.
#[component]
fn AddUser(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The domain (`None` while it loads).
    domain: Signal<Option<Domain>>,
) -> impl IntoView {
    let on_saved = open_saved_profile(domain_id, "created");
    view! {
        <ProfileForm
            mode=FormMode::Create
            domain_id=domain_id
            domain
            on_saved
            cancel_href=profiles_href(&domain_id.get_untracked())
        />
    }
}

/// What people who may not create profiles in the domain can do: requesters ask for
/// their own.
#[component]
fn AddInstead(
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
        <p>"A team lead of the domain or an admin adds users."</p>
        {request}
    }
}
