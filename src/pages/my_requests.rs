//! `/requests/mine`: the person's own onboarding requests, newest first, each with where
//! it stands: waiting, the profile made, or the reason it was turned down.

use leptos::prelude::*;

use super::loads::load_requests;
use crate::api::types::{Permission, RequestQuery};
use crate::components::{LoadWords, Needs, Page, loaded, refresh_button, requests_or_empty};
use crate::routes::query;
use crate::state::Session;

/// What the page says while the requests load and when they cannot.
const WORDS: LoadWords = LoadWords {
    loading: "Loading your requests…",
    failed: "Your requests could not be loaded.",
};

/// The my-requests page (requesters, and anyone above).
#[component]
pub fn MyRequestsPage() -> impl IntoView {
    // Refresh asks again (the list below listens).
    let refresh = Trigger::new();
    view! {
        <Page
            title_id="my-requests-title"
            title="My requests"
            actions=move || refresh_button(refresh)
            needs=Needs::anywhere(Permission::RequestOwn)
        >
            <MyRequests refresh />
        </Page>
    }
}

/// What just happened (a request submitted), then the person's requests.
#[component]
fn MyRequests(
    /// Asks again when notified.
    refresh: Trigger,
) -> impl IntoView {
    let submitted = query("submitted");
    let me = Session::get()
        .and_then(|s| s.user.get_untracked())
        .map(|u| u.name);
    let requests = load_requests(refresh, RequestQuery::default);
    let body = loaded(requests, WORDS, move |mut all| {
        // Leads and admins see others' requests too; this page is about one's own.
        if let Some(me) = &me {
            all.retain(|r| r.requester.eq_ignore_ascii_case(me));
        }
        let empty = (
            "You have not asked for a profile yet.",
            "Choose Request a profile in the header to ask for one.",
        );
        requests_or_empty(all, false, empty)
    });
    let notice = move || {
        let id = submitted.get();
        (!id.is_empty()).then(|| {
            view! {
                <div class="alert alert-success" role="status" aria-live="polite">
                    {format!("Request #{id} submitted. A team lead of the domain will approve or reject it; its status shows here.")}
                </div>
            }
        })
    };
    view! {
        {notice}
        {body}
    }
}
