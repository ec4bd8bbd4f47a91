//! `/requests/mine`: the person's own onboarding requests, newest first, each with where
//! it stands: waiting, the profile made, or the reason it was turned down.

use leptos::prelude::*;

use crate::api::types::RequestQuery;
use crate::api::use_api;
use crate::components::{Empty, LoadError, Loading, request_table};
use crate::routes::query;
use crate::state::Session;

/// The my-requests page.
#[component]
pub fn MyRequestsPage() -> impl IntoView {
    let api = use_api();
    let submitted = query("submitted");
    let me = Session::get()
        .and_then(|s| s.user.get_untracked())
        .map(|u| u.name);
    let requests = LocalResource::new(move || {
        let api = api.clone();
        async move { api.requests(&RequestQuery::default()).await }
    });
    let body = move || match requests.get() {
        None => view! { <Loading label="Loading your requests…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                what="Your requests could not be loaded."
                reason=error.to_string()
                on_retry=Callback::new(move |()| requests.refetch())
            />
        }
        .into_any(),
        Some(Ok(mut all)) => {
            // Leads and admins see others' requests too; this page is about one's own.
            if let Some(me) = &me {
                all.retain(|r| r.requester.eq_ignore_ascii_case(me));
            }
            if all.is_empty() {
                view! {
                    <Empty title="You have not asked for a profile yet.">
                        <p>"Choose Request a profile in the header to ask for one."</p>
                    </Empty>
                }
                .into_any()
            } else {
                view! { <div class="panel table-panel">{request_table(all, false)}</div> }
                    .into_any()
            }
        }
    };
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
        <section class="page" aria-labelledby="my-requests-title">
            <div class="page-head">
                <h1 id="my-requests-title" class="page-title">
                    "My requests"
                </h1>
                <button type="button" class="button button-secondary" on:click=move |_| requests.refetch()>
                    "Refresh"
                </button>
            </div>
            {notice}
            {body}
        </section>
    }
}
