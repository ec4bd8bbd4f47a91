//! Onboarding requests as a table (the requester's own, and a lead's queue): who asked
//! for which profile where, where each stands, and what came of it.

use leptos::prelude::*;

use crate::api::types::{OnboardingRequest, RequestStatus};
use crate::components::{column_heads, empty_state, status_badge};
use crate::format::{date_time_ms, iso_time_ms};
use crate::routes::{profile_href, request_href};

/// A Refresh button for a page's actions: it notifies `refresh`, which the list below
/// listens to.
pub fn refresh_button(refresh: Trigger) -> AnyView {
    view! {
        <button type="button" class="button button-secondary" on:click=move |_| refresh.notify()>
            "Refresh"
        </button>
    }
    .into_any()
}

/// `requests` in their table (see [`request_table`]), or, when there are none, the
/// empty state that says `empty` (its title, then what to do).
pub fn requests_or_empty(
    requests: Vec<OnboardingRequest>,
    show_requester: bool,
    empty: (&'static str, &'static str),
) -> AnyView {
    if requests.is_empty() {
        empty_state(empty.0, empty.1)
    } else {
        view! { <div class="panel table-panel">{request_table(requests, show_requester)}</div> }
            .into_any()
    }
}

/// The table of `requests`; the requester's column only when `show_requester`.
pub fn request_table(requests: Vec<OnboardingRequest>, show_requester: bool) -> impl IntoView {
    let rows = requests
        .into_iter()
        .map(|r| {
            let outcome = outcome_view(&r);
            let requester = show_requester.then(|| view! { <td>{r.requester.clone()}</td> });
            view! {
                <tr data-request=r.id.to_string()>
                    <th scope="row">
                        <a href=request_href(r.id)>{format!("#{}", r.id)}</a>
                    </th>
                    <td class="mono">{r.profile_name.clone()}</td>
                    {requester}
                    <td class="mono">{r.domain_id.clone()}</td>
                    <td>{status_badge(r.status.label())}</td>
                    <td>
                        <time datetime=iso_time_ms(r.created_at)>{date_time_ms(r.created_at)}</time>
                    </td>
                    <td class="cell-wrap">{outcome}</td>
                </tr>
            }
        })
        .collect_view();
    let columns: Vec<&str> = [
        Some("Request"),
        Some("Profile"),
        show_requester.then_some("Requested by"),
        Some("Domain"),
        Some("Status"),
        Some("Submitted"),
        Some("Outcome"),
    ]
    .into_iter()
    .flatten()
    .collect();
    view! {
        <table class="table" id="request-table">
            {column_heads(&columns)}
            <tbody>{rows}</tbody>
        </table>
    }
}

/// What came of a request, in words: the profile made, the reason it was turned down,
/// why the last approval failed, or that it waits.
pub fn outcome_view(request: &OnboardingRequest) -> AnyView {
    match request.status {
        RequestStatus::Approved => {
            let href = profile_href(&request.domain_id, &request.profile_name);
            view! { <a href=href class="request-profile-link">{format!("Profile {} created", request.profile_name)}</a> }
                .into_any()
        }
        RequestStatus::Rejected => {
            let reason = request.reason.clone().unwrap_or_default();
            view! {
                <span class="request-reason">
                    "Rejected: " {reason}
                </span>
            }
            .into_any()
        }
        _ => match &request.error {
            Some(error) => view! {
                <span class="text-error">{format!("The last approval failed: {error}")}</span>
            }
            .into_any(),
            None => view! { <span class="muted">"Waiting for a team lead"</span> }.into_any(),
        },
    }
}
