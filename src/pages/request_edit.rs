//! `/requests/{id}/edit`: a pending onboarding request in the same add-user form, saved
//! with `PUT /api/requests/{id}`. The requester may change what the domain's policy does
//! not fix; a lead of the domain may change anything but the name.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use super::loads::REQUEST_WORDS;
use super::use_domain;
use crate::api::types::{OnboardingRequest, Permission, Role};
use crate::api::{ApiError, use_api};
use crate::components::{Crumb, Needs, Page, loaded, trail};
use crate::profile_form::{FormTarget, StoredForm};
use crate::routes::{request_href, request_id};
use crate::state::current_role;

/// The edit-request page (its requester, or a lead of its domain).
#[component]
pub fn RequestEditPage() -> impl IntoView {
    let id = request_id();
    let title = move || {
        id.get().map_or_else(
            || "Edit request".to_owned(),
            |id| format!("Edit request #{id}"),
        )
    };
    view! {
        <Page
            title_id="edit-request-title"
            title=title
            crumbs=trail(vec![
                Crumb::link("Requests", "/requests"),
                Crumb::link(
                    Signal::derive(move || id.get().map(|id| format!("#{id}")).unwrap_or_default()),
                    Signal::derive(move || id.get().map(request_href).unwrap_or_default()),
                ),
                Crumb::here("Edit"),
            ])
            needs=Needs::anywhere(Permission::RequestOwn)
        >
            <EditRequest id />
        </Page>
    }
}

/// The request in the form; once saved, the request's page.
#[component]
fn EditRequest(
    /// The request's id from the address (`None`: not a number).
    id: Memo<Option<i64>>,
) -> impl IntoView {
    let api = use_api();
    // The request, and what the policy fixes for the person (nothing for leads).
    let request = LocalResource::new(move || {
        let api = api.clone();
        let id = id.get();
        let is_requester = current_role() == Some(Role::Requester);
        async move { load(&api, id, is_requester).await }
    });
    let domain_id = Memo::new(move |_| {
        request.with(|l| {
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
    loaded(request, REQUEST_WORDS, move |(request, fixed)| {
        view! {
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
        .into_any()
    })
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
