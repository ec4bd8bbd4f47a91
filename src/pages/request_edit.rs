//! `/requests/{id}/edit`: a pending onboarding request in the same add-user form, saved
//! with `PUT /api/requests/{id}`. The requester may change what the domain's policy does
//! not fix; a lead of the domain may change anything but the name.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use super::use_domain;
use crate::api::types::{OnboardingRequest, Role};
use crate::api::{ApiError, use_api};
use crate::components::{LoadError, Loading};
use crate::profile_form::{FormTarget, StoredForm};
use crate::routes::{request_href, request_id};
use crate::state::current_role;

/// The edit-request page.
#[component]
pub fn RequestEditPage() -> impl IntoView {
    let id = request_id();
    let api = use_api();
    // The request, and what the policy fixes for the person (nothing for leads).
    let loaded = LocalResource::new(move || {
        let api = api.clone();
        let id = id.get();
        let is_requester = current_role() == Some(Role::Requester);
        async move { load(&api, id, is_requester).await }
    });
    let domain_id = Memo::new(move |_| {
        loaded.with(|l| {
            l.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|(r, _)| r.domain_id.clone())
                .unwrap_or_default()
        })
    });
    let domain = use_domain(domain_id);
    let navigate = use_navigate();
    let on_saved = Callback::new(move |saved: String| {
        navigate(&format!("/requests/{saved}"), Default::default());
    });
    let body = move || match loaded.get() {
        None => view! { <Loading label="Loading the request…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                what="The request could not be loaded."
                reason=error.to_string()
                on_retry=Callback::new(move |()| loaded.refetch())
            />
        }
        .into_any(),
        Some(Ok((request, fixed))) => view! {
            <StoredForm
                what="The request"
                base=request.request
                name=request.profile_name
                target=FormTarget::Request(request.id)
                domain_id=domain_id
                domain
                fixed=Signal::stored(fixed)
                on_saved=on_saved
                cancel_href=request_href(request.id)
            />
        }
        .into_any(),
    };
    let title = move || {
        id.get().map_or_else(
            || "Edit request".to_owned(),
            |id| format!("Edit request #{id}"),
        )
    };
    view! {
        <section class="page" aria-labelledby="edit-request-title">
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <a href="/requests">"Requests"</a>
                <span aria-hidden="true">" › "</span>
                <a href=move || id.get().map(request_href).unwrap_or_default()>{move || id.get().map(|id| format!("#{id}")).unwrap_or_default()}</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page">"Edit"</span>
            </nav>
            <h1 id="edit-request-title" class="page-title">
                {title}
            </h1>
            {body}
        </section>
    }
}

/// The request `id` and, for requesters, what its domain's policy fixes.
async fn load(
    api: &crate::api::Api,
    id: Option<i64>,
    is_requester: bool,
) -> Result<(OnboardingRequest, Value), ApiError> {
    let Some(id) = id else {
        return Err(ApiError::Status {
            status: 404,
            errors: Vec::new(),
            warnings: Vec::new(),
            code: None,
            retry_after: None,
        });
    };
    let request = api.request(id).await?;
    let fixed = if is_requester {
        api.domain_policy(&request.domain_id).await?.fixed
    } else {
        Value::Null
    };
    Ok((request, fixed))
}
