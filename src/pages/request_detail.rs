//! `/requests/{id}`: one onboarding request as a person reads it (who, which profile,
//! where, the settings asked for), and for a lead of its domain the decisions: Edit,
//! Approve (which creates the profile, exactly once) and Reject with a reason the
//! requester reads.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::loads::REQUEST_WORDS;
use crate::api::types::{OnboardingRequest, Permission, RequestStatus};
use crate::api::{ApiError, use_api};
use crate::components::{
    Crumb, Needs, Page, SettingsView, load_view, outcome_view, status_badge, trail,
};
use crate::format::{date_time_ms, iso_time_ms};
use crate::routes::{request_href, request_id};
use crate::state::{Session, may_decide};

/// The longest rejection reason the server keeps.
pub const REASON_MAX: usize = 1000;

/// The request page (requesters see their own; leads the ones of their domains).
#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let id = request_id();
    // The request as last loaded or decided, for its status and Edit in the head.
    let shown = RwSignal::new(None::<OnboardingRequest>);
    let title = move || {
        id.get()
            .map_or_else(|| "Request".to_owned(), |id| format!("Request #{id}"))
    };
    let edit = move || {
        let request = shown.get()?;
        let own = Session::get()
            .and_then(|s| s.user.get())
            .is_some_and(|u| u.name.eq_ignore_ascii_case(&request.requester));
        (request.status == RequestStatus::Pending && (own || may_decide(&request.domain_id))).then(|| {
            view! {
                <a class="button button-secondary" id="edit-request" href=format!("{}/edit", request_href(request.id))>
                    "Edit"
                </a>
            }
        })
    };
    view! {
        <Page
            title_id="request-title"
            title=title
            badge=move || shown.get().map(|r| status_badge(r.status.label()))
            crumbs=trail(vec![Crumb::link("Requests", "/requests"), Crumb::here(Signal::derive(title))])
            actions=edit
            needs=Needs::anywhere(Permission::RequestOwn)
        >
            <Request id shown />
        </Page>
    }
}

/// What the last decision did, the request, and for a lead of its domain the decision.
#[component]
fn Request(
    /// The request's id from the address (`None`: not a number).
    id: Memo<Option<i64>>,
    /// Takes the request as it stands, for the head.
    shown: RwSignal<Option<OnboardingRequest>>,
) -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || {
        let api = api.clone();
        let id = id.get();
        async move {
            match id {
                Some(id) => api.request(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // The row as the last answer gave it (a decision answers with the new row).
    let decided = RwSignal::new(None::<OnboardingRequest>);
    let notice = RwSignal::new(None::<String>);
    let current = Memo::new(move |_| decided.get().map(|r| Ok(Some(r))).or_else(|| loaded.get()));
    Effect::new(move |_| shown.set(current.get().and_then(Result::ok).flatten()));
    let reload = move || {
        decided.set(None);
        loaded.refetch();
    };

    let body = move || match current.get() {
        Some(Err(error)) if error.is_not_found() => no_such_request(),
        state => load_view(state, REQUEST_WORDS, reload, |request| {
            let Some(request) = request else {
                return no_such_request();
            };
            let decide = (request.status == RequestStatus::Pending && may_decide(&request.domain_id))
                .then(|| view! { <Decide request=request.clone() decided notice reload=Callback::new(move |()| reload()) /> });
            view! {
                {summary_view(&request)}
                {decide}
                {settings_view(&request)}
            }
            .into_any()
        }),
    };

    view! {
        {move || notice.get().map(|text| view! { <div class="alert alert-info" role="status" aria-live="polite" id="request-notice">{text}</div> })}
        {body}
    }
}

/// There is no request with the id in the address.
fn no_such_request() -> AnyView {
    view! {
        <div class="state state-empty" role="status">
            <p class="state-title">"There is no such request."</p>
            <p><a href="/requests">"Back to the requests"</a></p>
        </div>
    }
    .into_any()
}

/// Who asked for what, and what came of it.
fn summary_view(request: &OnboardingRequest) -> impl IntoView + use<> {
    let decided = request.decided_by.clone().map(|by| {
        let at = request.decided_at;
        view! {
            <div>
                <dt>"Decided by"</dt>
                <dd>{by} " " <time datetime=iso_time_ms(at)>{date_time_ms(at)}</time></dd>
            </div>
        }
    });
    let arn = request.profile_arn.clone().map(|arn| {
        view! {
            <div>
                <dt>"Profile ARN"</dt>
                <dd class="mono cell-wrap">{arn}</dd>
            </div>
        }
    });
    view! {
        <div class="panel">
            <h2 class="panel-title">"Summary"</h2>
            <div class="panel-body">
                <dl class="summary" id="request-summary">
                    <div>
                        <dt>"Profile"</dt>
                        <dd class="mono">{request.profile_name.clone()}</dd>
                    </div>
                    <div>
                        <dt>"Domain"</dt>
                        <dd class="mono">{request.domain_id.clone()}</dd>
                    </div>
                    <div>
                        <dt>"Requested by"</dt>
                        <dd>{request.requester.clone()}</dd>
                    </div>
                    <div>
                        <dt>"Submitted"</dt>
                        <dd>
                            <time datetime=iso_time_ms(request.created_at)>{date_time_ms(request.created_at)}</time>
                        </dd>
                    </div>
                    {decided}
                    {arn}
                    <div>
                        <dt>"Outcome"</dt>
                        <dd id="request-outcome">{outcome_view(request)}</dd>
                    </div>
                </dl>
            </div>
        </div>
    }
}

/// The settings asked for, in words (the domain and the name are in the summary).
fn settings_view(request: &OnboardingRequest) -> impl IntoView + use<> {
    let mut asked = request.request.clone();
    if let Some(members) = asked.as_object_mut() {
        members.remove("DomainId");
        members.remove("UserProfileName");
    }
    view! {
        <div class="panel">
            <h2 class="panel-title">"What was asked for"</h2>
            <div class="panel-body">
                <SettingsView value=asked />
            </div>
        </div>
    }
}

/// A lead's decision on a pending request: approve, or reject with a reason.
#[component]
fn Decide(
    /// The pending request.
    request: OnboardingRequest,
    /// Takes the row a decision answered with.
    decided: RwSignal<Option<OnboardingRequest>>,
    /// What the page says about the last decision.
    notice: RwSignal<Option<String>>,
    /// Loads the request again (someone else decided first).
    reload: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<String>);
    let id = request.id;

    // What a refused decision means to the lead.
    let refused = move |error: ApiError| {
        if error.status() == Some(409) {
            notice.try_set(Some(
                "Someone decided this request first; below is where it stands now.".to_owned(),
            ));
            reload.run(());
        } else {
            failure.try_set(Some(error.to_string()));
        }
    };

    let approve = {
        let api = api.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            failure.set(None);
            let api = api.clone();
            spawn_local(async move {
                let result = api.approve_request(id).await;
                busy.try_set(false);
                match result {
                    Ok(row) => {
                        notice.try_set(Some(format!(
                            "Approved: the profile {} was created.",
                            row.profile_name
                        )));
                        decided.try_set(Some(row));
                    }
                    Err(error) => refused(error),
                }
            });
        }
    };

    let reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = reason.get_untracked().trim().to_owned();
        let problem = if text.is_empty() {
            Some("Enter the reason the requester will read".to_owned())
        } else if text.chars().count() > REASON_MAX {
            Some(format!("Use at most {REASON_MAX} characters"))
        } else {
            None
        };
        reason_error.set(problem.clone());
        if problem.is_some() {
            focus_reason();
            return;
        }
        busy.set(true);
        failure.set(None);
        let api = api.clone();
        spawn_local(async move {
            let result = api.reject_request(id, &text).await;
            busy.try_set(false);
            match result {
                Ok(row) => {
                    notice.try_set(Some("Rejected: the requester sees your reason.".to_owned()));
                    decided.try_set(Some(row));
                }
                Err(error) => refused(error),
            }
        });
    };

    view! {
        <div class="panel" aria-labelledby="decide-title">
            <h2 class="panel-title" id="decide-title">"Decide"</h2>
            <div class="panel-body">
                <p class="field-hint">
                    "Approving creates the profile " <code>{request.profile_name}</code>
                    " with the settings below, checked again as any create is. Rejecting needs a reason."
                </p>
                {move || failure.get().map(|message| view! {
                    <div class="alert alert-error" role="alert">
                        <p class="alert-title">"The server refused the decision"</p>
                        <p>{message}</p>
                    </div>
                })}
                <div class="decision">
                    <button
                        type="button"
                        class="button button-primary"
                        id="approve-request"
                        disabled=move || busy.get()
                        on:click=approve
                    >
                        {move || if busy.get() { "Working…" } else { "Approve" }}
                    </button>
                    <form class="reject-form" novalidate on:submit=reject>
                        <div class="field" class:field-invalid=move || reason_error.with(Option::is_some)>
                            <label class="field-label" for="reject-reason">
                                "Reason for rejecting"
                            </label>
                            <div class="field-hint" id="reject-reason-hint">
                                "Required to reject. The requester reads it."
                            </div>
                            {move || reason_error.get().map(|message| view! {
                                <div id="reject-reason-messages" class="field-messages">
                                    <p class="field-message field-message-error">
                                        <span class="visually-hidden">"Error: "</span>
                                        {message}
                                    </p>
                                </div>
                            })}
                            <textarea
                                id="reject-reason"
                                class="field-input"
                                maxlength=REASON_MAX.to_string()
                                aria-invalid=move || if reason_error.with(Option::is_some) { "true" } else { "false" }
                                aria-describedby=move || if reason_error.with(Option::is_some) {
                                    "reject-reason-hint reject-reason-messages"
                                } else {
                                    "reject-reason-hint"
                                }
                                prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))
                            ></textarea>
                        </div>
                        <button type="submit" class="button button-danger" id="reject-request" disabled=move || busy.get()>
                            "Reject"
                        </button>
                    </form>
                </div>
            </div>
        </div>
    }
}

/// Moves focus to the reason (after a reject without one).
fn focus_reason() {
    use wasm_bindgen::JsCast;
    if let Some(element) = document()
        .get_element_by_id("reject-reason")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
