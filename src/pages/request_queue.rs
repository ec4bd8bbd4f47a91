//! `/requests`: the onboarding requests a lead decides, pending ones first by default,
//! narrowed by status and domain (remembered in the address, so a link shares the view).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::types::RequestStatus;
use crate::api::types::{RequestQuery, encode};
use crate::api::use_api;
use crate::components::{Empty, LoadError, Loading, request_table};
use crate::routes::query;
use crate::state::{Domains, domain_label};

/// The statuses to filter by, as the API spells them, with their words.
const STATUSES: &[RequestStatus] = &[
    RequestStatus::Pending,
    RequestStatus::Approving,
    RequestStatus::Approved,
    RequestStatus::Rejected,
];

/// The queue page.
#[component]
pub fn RequestQueuePage() -> impl IntoView {
    let api = use_api();
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
    let requests = LocalResource::new(move || {
        let api = api.clone();
        let query = RequestQuery {
            status: RequestStatus::parse(&status.get()),
            domain: domain_param.get(),
        };
        async move { api.requests(&query).await }
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
    let body = move || match requests.get() {
        None => view! { <Loading label="Loading requests…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                what="The requests could not be loaded."
                reason=error.to_string()
                on_retry=Callback::new(move |()| requests.refetch())
            />
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <Empty title="No requests match.">
                <p>"New requests appear here as people submit them."</p>
            </Empty>
        }
        .into_any(),
        Some(Ok(list)) => {
            view! { <div class="panel table-panel">{request_table(list, true)}</div> }.into_any()
        }
    };
    view! {
        <section class="page" aria-labelledby="queue-title">
            <div class="page-head">
                <div>
                    <h1 id="queue-title" class="page-title">
                        "Onboarding requests"
                    </h1>
                    <p class="page-description">
                        "People ask for their own profiles here. Open a request to edit, approve or reject it."
                    </p>
                </div>
                <button type="button" class="button button-secondary" on:click=move |_| requests.refetch()>
                    "Refresh"
                </button>
            </div>
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
        </section>
    }
}
