//! `/domains/{domain}/policy`: what a team lead fixes for everyone who asks for a profile
//! in the domain, in the same form as a profile: each value filled in here is set, and
//! read-only, in every request (`PUT /api/domains/{domain}/policy`).

use leptos::prelude::*;

use super::domain_page::DomainPage;
use super::loads::load_policy;
use crate::api::types::{Domain, Permission};
use crate::components::{LoadWords, loaded};
use crate::format::date_time_ms;
use crate::profile_form::{FormTarget, StoredForm};
use crate::routes::profiles_href;

/// What the page says while the policy loads and when it cannot.
const WORDS: LoadWords = LoadWords {
    loading: "Loading the policy…",
    failed: "The domain's policy could not be loaded.",
};

/// The domain-policy page (leads and admins of the domain).
#[component]
pub fn DomainPolicyPage() -> impl IntoView {
    view! {
        <DomainPage
            title_id="policy-title"
            title="Domain policy for requests"
            crumb="Policy"
            about=|place| format!(
                "What you fill in here is fixed for everyone who asks for a profile in {place}: their form shows it read-only. Leave a field empty to let requesters choose."
            )
            permission=Permission::DecideRequests
            body=|domain_id, domain| view! { <Policy domain_id domain /> }.into_any()
        />
    }
}

/// Who changed the policy last, and the policy in the profile form.
#[component]
fn Policy(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The domain (`None` while it loads).
    domain: Signal<Option<Domain>>,
) -> impl IntoView {
    let policy = load_policy(domain_id);
    let saved = RwSignal::new(false);
    let on_saved = Callback::new(move |_: String| {
        saved.set(true);
        policy.refetch();
    });
    let body = loaded(policy, WORDS, move |loaded| {
        let last = loaded.updated_by.clone().map(|by| {
            view! {
                <p class="field-hint" id="policy-updated">
                    {format!("Last changed by {by}, {}.", date_time_ms(loaded.updated_at))}
                </p>
            }
        });
        view! {
            {last}
            <StoredForm
                what="The policy"
                base=loaded.fixed
                target=FormTarget::Policy
                domain_id=domain_id
                domain
                on_saved=on_saved
                cancel_href=profiles_href(&domain_id.get_untracked())
            />
        }
        .into_any()
    });
    view! {
        {move || saved.get().then(|| view! {
            <div class="alert alert-success" role="status" aria-live="polite">
                "Policy saved. New requests in this domain get these values."
            </div>
        })}
        {body}
    }
}
