//! `/domains/{domain}/profiles/{name}/edit`: the same form, filled in from
//! DescribeUserProfile, sending UpdateUserProfile; below it the profile's tags, saved on
//! their own (ListTags, then AddTags and DeleteTags of the difference).

use leptos::prelude::*;

use super::loads::{PROFILE_WORDS, load_profile, loaded_tags};
use super::{open_saved_profile, profile_crumbs, use_domain};
use crate::api::types::{Domain, Permission};
use crate::components::{Needs, Page, TagEditor, loaded};
use crate::profile_form::ProfileForm;
use crate::profile_form::model::{FormMode, Request};
use crate::routes::{param, profile_href};

/// The edit-user page (leads and admins of the domain).
#[component]
pub fn EditUserPage() -> impl IntoView {
    let domain_id = param("domain");
    let name = param("name");
    let domain = use_domain(domain_id);
    view! {
        <Page
            title_id="edit-user-title"
            title=move || format!("Edit {}", name.get())
            crumbs=profile_crumbs(domain_id, name, "Edit")
            needs=Needs::in_domain(Permission::ChangeProfiles, domain_id)
            instead=|| view! { <p>"A team lead of the domain or an admin edits users."</p> }
        >
            <EditUser domain_id name domain />
            <EditTags domain_id name />
        </Page>
    }
}

/// The form, filled in from the profile; once saved, the profile's page.
#[component]
fn EditUser(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The profile's name.
    name: Memo<String>,
    /// The domain (`None` while it loads).
    domain: Signal<Option<Domain>>,
) -> impl IntoView {
    let detail = load_profile(domain_id, name);
    let on_saved = open_saved_profile(domain_id, "updated");
    loaded(detail, PROFILE_WORDS, move |loaded| {
        let profile = loaded.profile;
        let initial = Request {
            domain_id: Some(domain_id.get_untracked()),
            user_profile_name: profile
                .user_profile_name
                .clone()
                .or_else(|| Some(name.get_untracked())),
            user_settings: profile.user_settings,
            ..Request::default()
        };
        view! {
            <p class="alert alert-info">
                "UpdateUserProfile changes what you give and leaves the rest as it is: emptying a field does not remove a value the profile already has."
            </p>
            <ProfileForm
                mode=FormMode::Edit
                domain_id=domain_id
                domain
                initial
                on_saved
                cancel_href=profile_href(&domain_id.get_untracked(), &name.get_untracked())
            />
        }
        .into_any()
    })
}

/// The profile's tags, in their editor once loaded.
#[component]
fn EditTags(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The profile's name.
    name: Memo<String>,
) -> impl IntoView {
    loaded_tags(domain_id, name, move |tags| {
        view! {
            <TagEditor domain_id=domain_id.get_untracked() name=name.get_untracked() tags />
        }
        .into_any()
    })
}
