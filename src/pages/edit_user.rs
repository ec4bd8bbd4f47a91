//! `/domains/{domain}/profiles/{name}/edit`: the same form, filled in from
//! DescribeUserProfile, sending UpdateUserProfile.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::use_domain;
use crate::api::use_api;
use crate::components::{LoadError, Loading, NotAllowed};
use crate::profile_form::ProfileForm;
use crate::profile_form::model::{FormMode, Request};
use crate::routes::{param, profile_href, profiles_href};
use crate::state::may_change_profiles;

/// The edit-user page.
#[component]
pub fn EditUserPage() -> impl IntoView {
    let domain_id = param("domain");
    let name = param("name");
    let domain = use_domain(domain_id);
    let api = use_api();
    let detail = LocalResource::new(move || {
        let api = api.clone();
        let (domain, name) = (domain_id.get(), name.get());
        async move { api.profile(&domain, &name).await }
    });
    let navigate = use_navigate();
    let on_saved = Callback::new(move |saved: String| {
        let href = format!(
            "{}?updated=1",
            profile_href(&domain_id.get_untracked(), &saved)
        );
        navigate(&href, Default::default());
    });
    let body = move || match detail.get() {
        _ if !may_change_profiles(&domain_id.get()) => view! {
            <NotAllowed title="Your role does not change profiles in this domain.">
                <p>"A team lead of the domain or an admin edits users."</p>
            </NotAllowed>
        }
        .into_any(),
        None => view! { <Loading label="Loading the profile…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                what="The profile could not be loaded."
                reason=error.to_string()
                on_retry=Callback::new(move |()| detail.refetch())
            />
        }
        .into_any(),
        Some(Ok(loaded)) => {
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
        }
    };
    view! {
        <section class="page" aria-labelledby="edit-user-title">
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <a href=move || profiles_href(&domain_id.get())>"User profiles"</a>
                <span aria-hidden="true">" › "</span>
                <a href=move || profile_href(&domain_id.get(), &name.get())>{move || name.get()}</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page">"Edit"</span>
            </nav>
            <h1 id="edit-user-title" class="page-title">
                {move || format!("Edit {}", name.get())}
            </h1>
            {body}
        </section>
    }
}
