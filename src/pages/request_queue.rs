//! `/requests`: the onboarding requests a lead decides, pending ones first by default,
//! narrowed by status and domain (remembered in the address, so a link shares the view).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::loads::load_requests;
use crate::api::types::{Permission, RequestStatus};
use crate::api::types::{RequestQuery, encode};
use crate::components::{LoadWords, Needs, Page, loaded, refresh_button, requests_or_empty};
use crate::routes::query;
use crate::state::{Domains, domain_label};

/// The statuses to filter by, as the API spells them, with their words.
const STATUSES: &[RequestStatus] = &[
    RequestStatus::Pending,
    RequestStatus::Approving,
    RequestStatus::Approved,
    RequestStatus::Rejected,
];

/// What the queue says while it loads and when it cannot.
const WORDS: LoadWords = LoadWords {
    loading: "Loading requests…",
    failed: "The requests could not be loaded.",
};

/// The queue page (leads and admins).
#[component]
pub fn RequestQueuePage() -> impl IntoView {
    // Refresh asks again (the queue below listens).
    let refresh = Trigger::new();
    view! {
        <Page
            title_id="queue-title"
            title="Onboarding requests"
            description=|| "People ask for their own profiles here. Open a request to edit, approve or reject it."
            actions=move || refresh_button(refresh)
            needs=Needs::anywhere(Permission::DecideRequests)
        >
            <Queue refresh />
        </Page>
    }
}

/// The filters and the requests.
#[component]
fn Queue(
    /// Asks again when notified.
    refresh: Trigger,
) -> impl IntoView {
    let status_param = query("status");
    let domain_param = query("domain");
    // No status in the address: the pending ones, which wait for someone.
    let status = Memo::new(move |_| {
        let s = status_param.get();
        if s.is_empty() {
            "pending".to_owned()
        } else {
            s
        }
    });
    let requests = load_requests(refresh, move || RequestQuery {
        status: RequestStatus::parse(&status.get()),
        domain: domain_param.get(),
    });
    let navigate = use_navigate();
    let go = move |status: String, domain: String| {
        let mut href = format!("/requests?status={}", encode(&status));
        if !domain.is_empty() {
            href.push_str(&format!("&domain={}", encode(&domain)));
        }
        navigate(&href, Default::default());
    };
    let on_status = {
        let go = go.clone();
        move |ev| go(event_target_value(&ev), domain_param.get_untracked())
    };
    let on_domain = move |ev| go(status.get_untracked(), event_target_value(&ev));
    let domain_options = move || {
        Domains::get()
            .and_then(|d| d.list.get())
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|d| {
                let id = d.domain_id.clone()?;
                let label = format!("{} ({id})", domain_label(&d));
                Some(view! { <option value=id>{label}</option> })
            })
            .collect_view()
    };
    let body = loaded(requests, WORDS, |list| {
        let empty = (
            "No requests match.",
            "New requests appear here as people submit them.",
        );
        requests_or_empty(list, true, empty)
    });
    view! {
        <div class="filters">
            <div class="field field-inline">
                <label class="field-label" for="queue-status">
                    "Status"
                </label>
                <select id="queue-status" class="field-input field-select" prop:value=move || status.get() on:change=on_status>
                    {STATUSES
                        .iter()
                        .map(|s| view! { <option value=s.as_str()>{s.label()}</option> })
                        .collect_view()}
                    <option value="all">"Any status"</option>
                </select>
            </div>
            <div class="field field-inline">
                <label class="field-label" for="queue-domain">
                    "Domain"
                </label>
                <select id="queue-domain" class="field-input field-select" prop:value=move || domain_param.get() on:change=on_domain>
                    <option value="">"All my domains"</option>
                    {domain_options}
                </select>
            </div>
        </div>
        {body}
    }
}
