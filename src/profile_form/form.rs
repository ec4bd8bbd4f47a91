//! The form itself: every member of CreateUserProfile (or UpdateUserProfile), grouped
//! in sections as a person thinks of them, validated by the model crate on every
//! keystroke, with the JSON that will be sent beside it; where it sends (the profile, an
//! onboarding request, a domain's policy), and the form started from stored JSON.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use studio_admin_model::{AuthMode, Problem, ProblemKind};

use super::ErrorSummary;
use super::fields::InstanceTypeList;
use super::model::json::to_json_value;
use super::model::{FormMode, FormOptions, FormState, Request, update_request};
use super::sections::{access, apps, canvas, general, portal, preview, storage};
use crate::api::types::Domain;
use crate::api::{ApiError, use_api};

/// The value the SSO user identifier must have (the model's one allowed value).
pub const SSO_IDENTIFIER: &str = "UserName";

/// Where the form's request goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FormTarget {
    /// The profile itself: CreateUserProfile or UpdateUserProfile (leads, admins).
    #[default]
    Profile,
    /// An onboarding request for the person's own profile: `POST /api/requests`.
    NewRequest,
    /// A change to a pending onboarding request: `PUT /api/requests/{id}`.
    Request(i64),
    /// The domain's policy, from what is filled in: `PUT /api/domains/{d}/policy`.
    Policy,
}

impl FormTarget {
    /// The submit button's words, and its words while sending.
    fn labels(self, mode: FormMode) -> (&'static str, &'static str) {
        match (self, mode) {
            (Self::Profile, FormMode::Create) => ("Create profile", "Creating…"),
            (Self::Profile, FormMode::Edit) => ("Save changes", "Saving…"),
            (Self::NewRequest, _) => ("Submit request", "Submitting…"),
            (Self::Request(_), _) => ("Save request", "Saving…"),
            (Self::Policy, _) => ("Save policy", "Saving…"),
        }
    }
}

/// A request starting from `base` (a policy's fixed values, or a stored request's JSON)
/// for `domain` and the profile `name` (left out when empty). `Err` with the reason when
/// `base` holds what this build's request cannot (a member AWS added since).
pub fn request_from(
    base: serde_json::Value,
    domain: &str,
    name: String,
) -> Result<Request, String> {
    let mut json = match base {
        serde_json::Value::Object(_) => base,
        _ => serde_json::json!({}),
    };
    if let Some(members) = json.as_object_mut() {
        members.insert("DomainId".into(), domain.into());
        if !name.is_empty() {
            members.insert("UserProfileName".into(), name.into());
        }
    }
    // Through text, not `from_value`: the form already parses requests from text, and a
    // second deserializer would compile every model type's Deserialize again into the
    // wasm (about 28 KB gzipped, measured).
    serde_json::from_str(&json.to_string()).map_err(|e| e.to_string())
}

/// The create form started from stored JSON (a policy's fixed values, a stored
/// request), or, when the JSON holds what this build's request cannot, why not.
#[component]
pub fn StoredForm(
    /// What the JSON is, in words (`The policy`), for the message when it cannot be shown.
    what: &'static str,
    /// The stored JSON to start from.
    base: serde_json::Value,
    /// The profile name (empty for a policy).
    #[prop(optional, into)]
    name: String,
    /// Where the request goes.
    target: FormTarget,
    /// The domain the profile lives in.
    #[prop(into)]
    domain_id: Signal<String>,
    /// The domain (`None` while it loads).
    #[prop(into)]
    domain: Signal<Option<Domain>>,
    /// Values the domain's policy fixes: shown read-only.
    #[prop(optional, into)]
    fixed: Option<Signal<serde_json::Value>>,
    /// Called once the server accepted the request (see [`ProfileForm`]).
    on_saved: Callback<String>,
    /// Where "Cancel" leads.
    #[prop(into)]
    cancel_href: String,
) -> impl IntoView {
    match request_from(base, &domain_id.get_untracked(), name) {
        Ok(initial) => view! {
            <ProfileForm
                mode=FormMode::Create
                target
                domain_id
                domain
                initial
                fixed=fixed.unwrap_or_else(|| Signal::stored(serde_json::Value::Null))
                on_saved
                cancel_href
            />
        }
        .into_any(),
        Err(reason) => view! {
            <div class="alert alert-error" role="alert">
                <p class="alert-title">{format!("{what} holds values this panel cannot show")}</p>
                <p>{reason}</p>
            </div>
        }
        .into_any(),
    }
}

/// What a policy fixes: the filled-in members, without the ones a policy may not hold
/// (the domain and the name belong to each request).
pub fn policy_of(request: &Request) -> serde_json::Value {
    let mut json = to_json_value(request);
    if let Some(members) = json.as_object_mut() {
        members.remove("DomainId");
        members.remove("UserProfileName");
    }
    json
}

/// The form.
#[component]
pub fn ProfileForm(
    /// Create or edit.
    mode: FormMode,
    /// The domain the profile lives in.
    #[prop(into)]
    domain_id: Signal<String>,
    /// The domain (`None` while it loads).
    #[prop(into)]
    domain: Signal<Option<Domain>>,
    /// Where the form starts (the profile's current settings when editing).
    #[prop(optional)]
    initial: Request,
    /// Called once the server accepted the request, with the profile's name (profiles),
    /// the request's id (requests) or the domain's id (a policy).
    on_saved: Callback<String>,
    /// Where "Cancel" leads.
    #[prop(optional, into)]
    cancel_href: Option<String>,
    /// Where the request goes (the profile itself unless said).
    #[prop(optional)]
    target: FormTarget,
    /// Values the domain's policy fixes: shown read-only.
    #[prop(optional, into)]
    fixed: Option<Signal<serde_json::Value>>,
) -> impl IntoView {
    let api = use_api();
    let options = FormOptions {
        fixed,
        name_locked: matches!(target, FormTarget::NewRequest | FormTarget::Request(_)),
        partial: target == FormTarget::Policy,
    };
    let form = FormState::with_options(mode, initial, domain, options);
    form.provide();
    let summary = NodeRef::<html::Div>::new();
    let saving = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);

    // The body names the domain of the page.
    Effect::new(move |_| {
        let id = domain_id.get();
        let current = form.request.with_untracked(|r| r.domain_id.clone());
        if !id.is_empty() && current.as_deref() != Some(id.as_str()) {
            form.request.update(|r| r.domain_id = Some(id));
        }
    });

    // Sign-in fields follow the domain: SSO domains need them (the identifier has one
    // possible value), IAM domains refuse them.
    Effect::new(move |_| {
        if mode != FormMode::Create || target == FormTarget::Policy {
            return;
        }
        let Some(auth) = domain.with(|d| d.as_ref().map(|d| d.auth_mode.clone())) else {
            return;
        };
        let sso = auth == Some(AuthMode::Sso);
        let (has_identifier, has_any) = form.request.with_untracked(|r| {
            (
                r.single_sign_on_user_identifier.is_some(),
                r.single_sign_on_user_identifier.is_some() || r.single_sign_on_user_value.is_some(),
            )
        });
        if sso && !has_identifier {
            form.request
                .update(|r| r.single_sign_on_user_identifier = Some(SSO_IDENTIFIER.to_owned()));
        } else if !sso && has_any {
            form.request.update(|r| {
                r.single_sign_on_user_identifier = None;
                r.single_sign_on_user_value = None;
            });
        }
    });

    let focus_summary = move || {
        request_animation_frame(move || {
            if let Some(element) = summary.get_untracked() {
                let _ = element.focus();
            }
        });
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        form.submitted.set(true);
        failure.set(None);
        if form.problems.with_untracked(|all| {
            all.iter()
                .any(|p| p.severity == studio_admin_model::Severity::Error)
        }) {
            focus_summary();
            return;
        }
        form.server_problems.set(Vec::new());
        saving.set(true);
        let api = api.clone();
        let domain = domain_id.get_untracked();
        let request = form.request.get_untracked();
        let name = request.user_profile_name.clone().unwrap_or_default();
        spawn_local(async move {
            let result = match (target, mode) {
                (FormTarget::Profile, FormMode::Create) => {
                    api.create_profile(&domain, &request).await.map(|_| name)
                }
                (FormTarget::Profile, FormMode::Edit) => api
                    .update_profile(&domain, &name, &update_request(&request))
                    .await
                    .map(|_| name),
                (FormTarget::NewRequest, _) => api
                    .submit_request(&request)
                    .await
                    .map(|row| row.id.to_string()),
                (FormTarget::Request(id), _) => api
                    .update_onboarding_request(id, &request)
                    .await
                    .map(|row| row.id.to_string()),
                (FormTarget::Policy, _) => api
                    .set_domain_policy(&domain, &policy_of(&request))
                    .await
                    .map(|_| domain),
            };
            saving.try_set(false);
            match result {
                Ok(saved) => on_saved.run(saved),
                Err(error) => {
                    let (placed, message) = server_problems(mode, target, &error);
                    form.server_problems.try_set(placed);
                    failure.try_set(message);
                    focus_summary();
                }
            }
        });
    };

    let (submit_label, saving_label) = target.labels(mode);

    view! {
        <form class="profile-form" novalidate on:submit=on_submit>
            <ErrorSummary node_ref=summary />
            {move || {
                failure
                    .get()
                    .map(|message| {
                        view! {
                            <div class="alert alert-error" role="alert">
                                <p class="alert-title">"The server refused the request"</p>
                                <p>{message}</p>
                            </div>
                        }
                    })
            }}
            <div class="form-layout">
                <div class="form-main">
                    <general::General />
                    <general::SignIn />
                    <apps::AppSections />
                    <canvas::Canvas />
                    <storage::SpaceStorage />
                    <storage::FileSystems />
                    <storage::PosixUser />
                    <portal::WebPortal />
                    <access::Sharing />
                    <access::SecurityGroups />
                    <portal::LandingPage />
                    <storage::HomeDirectory />
                    <div class="form-actions">
                        <button type="submit" class="button button-primary" id="submit-profile" aria-disabled=move || saving.get().to_string()>
                            {move || if saving.get() { saving_label } else { submit_label }}
                        </button>
                        {cancel_href.map(|href| view! { <a class="button button-link" href=href>"Cancel"</a> })}
                        <span class="form-actions-note" role="status" aria-live="polite">
                            {move || {
                                let errors = form.problems.with(|all| {
                                    all.iter().filter(|p| p.severity == studio_admin_model::Severity::Error).count()
                                });
                                match (form.submitted.get(), errors) {
                                    (true, 0) | (false, _) => String::new(),
                                    (true, 1) => "1 error to correct before sending".to_owned(),
                                    (true, n) => format!("{n} errors to correct before sending"),
                                }
                            }}
                        </span>
                    </div>
                </div>
                <aside class="form-preview" aria-labelledby="preview-title">
                    <preview::Preview />
                </aside>
            </div>
            <InstanceTypeList />
        </form>
    }
}

/// What the server said about a refused submit: problems with a path go next to their
/// fields (and into the summary); the rest is one message for the top of the form.
fn server_problems(
    mode: FormMode,
    target: FormTarget,
    error: &ApiError,
) -> (Vec<Problem>, Option<String>) {
    let ApiError::Status {
        status,
        errors,
        warnings,
        ..
    } = error
    else {
        return (Vec::new(), Some(error.to_string()));
    };
    let mut placed: Vec<Problem> = errors
        .iter()
        .chain(warnings)
        .filter(|p| !p.path.is_empty())
        .map(|p| Problem {
            path: p.path.clone(),
            message: p.message.clone(),
            severity: p.severity,
            kind: p.kind.unwrap_or(ProblemKind::Rule),
        })
        .collect();
    let unplaced: Vec<&str> = errors
        .iter()
        .filter(|p| p.path.is_empty())
        .map(|p| p.message.as_str())
        .collect();
    // AWS says a profile of this name exists with ResourceInUse (409): that is about the
    // name, so it goes next to the name.
    if *status == 409
        && mode == FormMode::Create
        && target == FormTarget::Profile
        && placed.is_empty()
    {
        placed.push(Problem {
            path: "UserProfileName".to_owned(),
            message: format!("{} Choose another name.", unplaced.join(" ")),
            severity: studio_admin_model::Severity::Error,
            kind: ProblemKind::Rule,
        });
        return (placed, None);
    }
    let message = if unplaced.is_empty() && !placed.is_empty() {
        None
    } else {
        Some(error.to_string())
    };
    (placed, message)
}
