//! `/domains/{domain}/request`: a requester asks for their own profile with the add-user
//! form. The name is theirs and cannot change; what the domain's policy fixes is filled in
//! and shown read-only; submitting sends the request exactly as previewed to
//! `POST /api/requests`, and a team lead decides.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::domain_page::DomainPage;
use super::loads::load_policy;
use crate::api::types::{Domain, Permission};
use crate::components::{LoadWords, loaded};
use crate::profile_form::{FormTarget, StoredForm};
use crate::routes::profiles_href;
use crate::state::Session;

/// What the page says while the policy loads and when it cannot.
const WORDS: LoadWords = LoadWords {
    loading: "Loading what your team lead fixed…",
    failed: "The domain's policy could not be loaded.",
};

/// The request-a-profile page (requesters, and anyone above, in the domain).
#[component]
pub fn RequestProfilePage() -> impl IntoView {
    view! {
        <DomainPage
            title_id="request-profile-title"
            title="Request a profile"
            crumb="Request a profile"
            about=|place| format!(
                "Ask for your own SageMaker Studio user profile in {place}. A team lead reviews the request; values marked \u{201c}Fixed by your team lead\u{201d} are set for everyone in this domain."
            )
            permission=Permission::RequestOwn
            body=|domain_id, domain| view! { <RequestForm domain_id domain /> }.into_any()
        />
    }
}

/// The form, started from what the domain's policy fixes.
#[component]
fn RequestForm(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The domain (`None` while it loads).
    domain: Signal<Option<Domain>>,
) -> impl IntoView {
    let policy = load_policy(domain_id);
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
    loaded(policy, WORDS, move |loaded| {
        view! {
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
        .into_any()
    })
}
