//! `/domains/{domain}/profiles/{name}/delete`: offboarding.
//!
//! 1. The plan: every app and owned space that goes, and what stays (the EFS home
//!    directory).
//! 2. Confirmation by typing the profile's name.
//! 3. Live progress from the delete job's event stream: a progress bar and every step with
//!    its status, announced to screen readers. The job's id goes into the address, and a
//!    running job of the profile is looked up on arrival, so a reload finds it again.
//!    The page listens only while the job runs: the stream is closed when the job
//!    finishes and opened again when a retry runs it.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::api::transport::Subscription;
use crate::api::types::{
    AppAction, DeletePlan, JobDetail, JobStatus, Permission, PlanAccess, PlannedApp, Step,
};
use crate::api::{Api, ApiError, use_api};
use crate::components::{
    LoadWords, Needs, Page, Refused, StatusBadge, column_heads, load_view, loaded, status_badge,
};
use crate::pages::profile_crumbs;
use crate::routes::{param, profile_href, profiles_href, query};
use crate::state::may_change_profiles;

/// What the page says while it looks for a running delete and when it cannot.
const FIND_WORDS: LoadWords = LoadWords {
    loading: "Looking for a delete already under way…",
    failed: "The delete job could not be read.",
};

/// What the page says while the plan loads and when it cannot.
const PLAN_WORDS: LoadWords = LoadWords {
    loading: "Working out what a delete involves…",
    failed: "What the delete would remove could not be read.",
};

/// The delete page. Whoever reads the domain may follow a delete under way; only who
/// may change its profiles sees the plan and starts one.
#[component]
pub fn DeleteProfilePage() -> impl IntoView {
    let domain_id = param("domain");
    let name = param("name");
    super::use_domain(domain_id);
    view! {
        <Page
            title_id="delete-title"
            title=move || format!("Delete {}", name.get())
            crumbs=profile_crumbs(domain_id, name, "Delete")
            needs=Needs::in_domain(Permission::Read, domain_id)
        >
            <Delete domain_id name />
        </Page>
    }
}

/// A delete under way, else the plan and the confirmation.
#[component]
fn Delete(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The profile's name.
    name: Memo<String>,
) -> impl IntoView {
    let job_param = query("job");
    let api = use_api();

    // Which job this page shows: the one in the address, or one already running for the
    // profile; `Some(None)` when there is none (then the plan is shown).
    let found = LocalResource::new({
        move || {
            let api = api.clone();
            let (domain, name, job) = (domain_id.get(), name.get(), job_param.get());
            async move { find_job(&api, &domain, &name, &job).await }
        }
    });
    let started = RwSignal::new(None::<JobDetail>);
    let navigate = use_navigate();
    let on_started = Callback::new(move |job: JobDetail| {
        let href = format!(
            "{}/delete?job={}",
            profile_href(&domain_id.get_untracked(), &name.get_untracked()),
            job.job.id
        );
        started.set(Some(job));
        navigate(
            &href,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    let changes = Needs::in_domain(Permission::ChangeProfiles, domain_id);

    move || {
        if let Some(job) = started.get() {
            return view! { <JobProgress initial=job /> }.into_any();
        }
        load_view(
            found.get(),
            FIND_WORDS,
            move || found.refetch(),
            |job| {
                match job {
            Some(job) => view! { <JobProgress initial=job /> }.into_any(),
            None if changes.refusal().is_some() => view! {
                <Refused
                    what="Deleting a profile"
                    needs=changes
                    instead=|| view! { <p>"A team lead of the domain or an admin removes users."</p> }
                />
            }
            .into_any(),
            None => view! {
                <PlanAndConfirm domain=domain_id.get_untracked() name=name.get_untracked() on_started />
            }
            .into_any(),
        }
            },
        )
    }
}

/// The job named by the address (`?job=`), else the profile's running job, if any.
async fn find_job(
    api: &Api,
    domain: &str,
    name: &str,
    job: &str,
) -> Result<Option<JobDetail>, ApiError> {
    if let Ok(id) = job.parse::<i64>() {
        match api.job(id).await {
            Ok(detail) => return Ok(Some(detail)),
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e),
        }
    }
    let running = api.profile_jobs(domain, name, true).await?;
    match running.first() {
        Some(job) => api.job(job.id).await.map(Some),
        None => Ok(None),
    }
}

/// The plan and the typed confirmation.
#[component]
fn PlanAndConfirm(domain: String, name: String, on_started: Callback<JobDetail>) -> impl IntoView {
    let api = use_api();
    let plan = LocalResource::new({
        let (api, domain, name) = (api.clone(), domain.clone(), name.clone());
        move || {
            let (api, domain, name) = (api.clone(), domain.clone(), name.clone());
            async move { api.delete_plan(&domain, &name).await }
        }
    });
    let typed = RwSignal::new(String::new());
    // SSO domains: the person's own Studio assignment goes too, unless unticked.
    let remove_access = RwSignal::new(true);
    let mismatch = RwSignal::new(false);
    let starting = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let confirm_name = name.clone();
    let on_submit = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if typed.get_untracked() != name {
                mismatch.set(true);
                if let Some(input) = document().get_element_by_id("confirm-name") {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = input.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = input.focus();
                    }
                }
                return;
            }
            if starting.get_untracked() {
                return;
            }
            starting.set(true);
            failure.set(None);
            let (api, domain, name) = (api.clone(), domain.clone(), name.clone());
            leptos::task::spawn_local(async move {
                let keep_access = !remove_access.get_untracked();
                match api.start_delete(&domain, &name, keep_access).await {
                    Ok(job) => on_started.run(job),
                    Err(error) => {
                        failure.try_set(Some(error.to_string()));
                        starting.try_set(false);
                    }
                }
            });
        }
    };
    let plan_view = loaded(plan, PLAN_WORDS, move |plan| {
        plan_view(plan, remove_access).into_any()
    });
    let hint_name = confirm_name.clone();
    view! {
        {plan_view}
        <form class="panel confirm" novalidate on:submit=on_submit>
            <h2 class="panel-title">"Confirm"</h2>
            <div class="panel-body">
                <div class="field" class:field-invalid=move || mismatch.get()>
                    <label class="field-label" for="confirm-name">
                        {format!("Type {confirm_name} to confirm")}
                    </label>
                    <div class="field-hint" id="confirm-name-hint">
                        {format!("The apps and spaces above are deleted first, then the profile {hint_name}. This cannot be undone.")}
                    </div>
                    {move || {
                        mismatch
                            .get()
                            .then(|| {
                                view! {
                                    <div class="field-messages" id="confirm-name-error">
                                        <p class="field-message field-message-error">
                                            <span class="visually-hidden">"Error: "</span>
                                            "Type the profile's name exactly as shown to delete it."
                                        </p>
                                    </div>
                                }
                            })
                    }}
                    <input
                        id="confirm-name"
                        type="text"
                        class="field-input"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        aria-describedby=move || if mismatch.get() { "confirm-name-hint confirm-name-error" } else { "confirm-name-hint" }
                        aria-invalid=move || mismatch.get().to_string()
                        prop:value=move || typed.get()
                        on:input=move |ev| {
                            typed.set(event_target_value(&ev));
                            mismatch.set(false);
                        }
                    />
                </div>
                {move || failure.get().map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })}
                <button type="submit" class="button button-danger" id="confirm-delete">
                    {move || if starting.get() { "Starting the delete…".to_owned() } else { "Delete profile and its apps".to_owned() }}
                </button>
            </div>
        </form>
    }
}

fn planned_app_row(app: PlannedApp) -> impl IntoView {
    let what = match app.action {
        AppAction::Delete => "Will be deleted".to_owned(),
        AppAction::Wait => "Already being deleted: waited for".to_owned(),
        AppAction::None => app
            .note
            .clone()
            .unwrap_or_else(|| "Nothing to do".to_owned()),
    };
    view! {
        <tr>
            <td>{app.app_type}</td>
            <th scope="row">{app.app_name}</th>
            <td>{status_badge(app.status.as_deref().unwrap_or_default())}</td>
            <td>{what}</td>
        </tr>
    }
}

fn apps_table(apps: Vec<PlannedApp>) -> impl IntoView {
    view! {
        <table class="table">
            {column_heads(&["Type", "Name", "Status", "What happens"])}
            <tbody>{apps.into_iter().map(planned_app_row).collect_view()}</tbody>
        </table>
    }
}

/// The person's Studio access in IAM Identity Center (SSO domains): their own assignment,
/// which the delete removes after the profile unless unticked, and their groups, which it
/// never changes.
fn access_view(access: PlanAccess, remove: RwSignal<bool>) -> impl IntoView {
    let user = access.user_name;
    let own = if access.direct {
        format!("{user} is assigned to this domain's Studio application directly.")
    } else {
        format!("{user} has no assignment of their own to this domain's Studio application.")
    };
    let groups = (!access.groups.is_empty()).then(|| {
        view! {
            <p id="delete-access-groups">
                {format!(
                    "They also get in through the assigned group(s) {}. A delete never changes groups: that way in stays until someone removes them from the group in IAM Identity Center.",
                    access.groups.join(", ")
                )}
            </p>
        }
    });
    let error = access.error.map(|e| {
        view! { <p class="text-error">{format!("Their access could not be read now: {e}")}</p> }
    });
    let offer = access.direct || error.is_some();
    view! {
        <div class="panel" id="delete-access">
            <h2 class="panel-title">"Studio access in IAM Identity Center"</h2>
            <div class="panel-body">
                <p>{own}</p>
                {groups}
                {error}
                {offer.then(|| view! {
                    <div class="field field-checkbox">
                        <input
                            type="checkbox"
                            id="remove-access"
                            prop:checked=move || remove.get()
                            on:change=move |ev| remove.set(event_target_checked(&ev))
                        />
                        <label for="remove-access">
                            "Also remove Studio access in IAM Identity Center (their own assignment, after the profile is gone)"
                        </label>
                    </div>
                })}
            </div>
        </div>
    }
}

fn plan_view(plan: DeletePlan, remove_access: RwSignal<bool>) -> impl IntoView {
    let access = plan.access.map(|access| access_view(access, remove_access));
    let own = if plan.apps.is_empty() {
        view! { <p class="panel-body muted">"The profile has no apps of its own."</p> }.into_any()
    } else {
        apps_table(plan.apps).into_any()
    };
    let spaces = if plan.spaces.is_empty() {
        view! { <p class="panel-body muted">"The profile owns no spaces."</p> }.into_any()
    } else {
        plan.spaces
            .into_iter()
            .map(|space| {
                let apps = if space.apps.is_empty() {
                    view! { <p class="panel-body muted">"No apps in this space."</p> }.into_any()
                } else {
                    apps_table(space.apps).into_any()
                };
                view! {
                    <h3 class="panel-subtitle">
                        {format!("Space {}", space.space_name)}
                        {status_badge(space.status.as_deref().unwrap_or_default())}
                    </h3>
                    {apps}
                }
            })
            .collect_view()
            .into_any()
    };
    let kept = plan
        .kept
        .into_iter()
        .map(|k| {
            view! {
                <li>
                    <strong>{k.what}</strong>
                    {k.id.map(|id| view! { " " <code>{id}</code> })}
                    ": "
                    {k.why}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="panel table-panel" id="delete-plan">
            <h2 class="panel-title">"What goes"</h2>
            <h3 class="panel-subtitle">"The profile's apps"</h3>
            {own}
            <h3 class="panel-subtitle">"Spaces the profile owns (each after its apps)"</h3>
            {spaces}
            <p class="panel-body">
                {format!("Then the profile {} itself", plan.profile_name)}
                {plan.profile_status.map(|s| format!(" (now {s})."))}
            </p>
        </div>
        {access}
        <div class="panel" id="delete-kept">
            <h2 class="panel-title">"What stays"</h2>
            <div class="panel-body">
                <ul class="kept">{kept}</ul>
            </div>
        </div>
    }
}

/// The live progress of a delete job.
#[component]
fn JobProgress(initial: JobDetail) -> impl IntoView {
    let api = use_api();
    let id = initial.job.id;
    let job = RwSignal::new(initial);
    let connected = RwSignal::new(true);
    let action_error = RwSignal::new(None::<String>);

    let status = Memo::new(move |_| job.with(|j| j.job.status));
    let finished = Memo::new(move |_| status.get().is_finished());

    // The event stream: a snapshot first, then every change, while the job runs. The
    // proxy ends it when the job finishes, and a browser left listening would open it
    // again and again; so it is closed once the job is finished, and opened again when a
    // retry runs the job once more. Dropped with the page.
    let stream = StoredValue::new_local(None::<Subscription>);
    Effect::new({
        let api = api.clone();
        move |_| {
            if finished.get() {
                stream.set_value(None);
                return;
            }
            if stream.with_value(Option::is_some) {
                return;
            }
            connected.set(true);
            match api.watch_job(
                id,
                move |event| {
                    job.try_update(|j| j.apply(event));
                },
                move |up| {
                    connected.try_set(up);
                },
            ) {
                Ok(subscription) => stream.set_value(Some(subscription)),
                Err(error) => action_error.set(Some(error.to_string())),
            }
        }
    });
    let progress = Memo::new(move |_| job.with(JobDetail::progress));
    let announcement = move || {
        let (settled, total) = progress.get();
        job.with(|j| match j.job.status {
            JobStatus::Succeeded => match j.job.outcome.as_deref() {
                Some("already deleted") => {
                    format!("Done: {} was already gone.", j.job.profile_name)
                }
                _ => format!("Done: {} is deleted.", j.job.profile_name),
            },
            JobStatus::Failed => format!(
                "The delete stopped: {}",
                j.job
                    .error
                    .as_ref()
                    .map(|e| format!("{} failed on {}: {}", e.step, e.resource, e.reason))
                    .unwrap_or_default()
            ),
            JobStatus::Cancelled => "The delete was cancelled.".to_owned(),
            _ => {
                let current = j
                    .steps
                    .iter()
                    .find(|s| s.status == crate::api::types::StepStatus::Running)
                    .map(|s| format!(" Now: {}.", step_words(s)))
                    .unwrap_or_default();
                format!("{settled} of {total} steps done.{current}")
            }
        })
    };

    let run = move |retry: bool| {
        let api = api.clone();
        move |_| {
            let api = api.clone();
            action_error.set(None);
            leptos::task::spawn_local(async move {
                let result = if retry {
                    api.retry_job(id).await
                } else {
                    api.cancel_job(id).await
                };
                match result {
                    Ok(detail) => {
                        job.try_set(detail);
                    }
                    Err(error) => {
                        action_error.try_set(Some(error.to_string()));
                    }
                }
            });
        }
    };
    let cancel = run(false);
    let retry = run(true);

    let steps = move || {
        job.with(|j| {
            j.steps
                .iter()
                .filter(|s| s.status != crate::api::types::StepStatus::Superseded)
                .cloned()
                .collect::<Vec<Step>>()
        })
    };

    let domain = job.with_untracked(|j| j.job.domain_id.clone());
    let kept_uid = move || job.with(|j| j.job.home_efs_file_system_uid.clone());

    view! {
        <div class="panel" id="delete-progress">
            <h2 class="panel-title">
                "Progress "
                <StatusBadge status=Signal::derive(move || status.get().label().to_owned()) />
            </h2>
            <div class="panel-body">
                <label class="field-label" for="delete-progress-bar">
                    {move || {
                        let (settled, total) = progress.get();
                        format!("{settled} of {total} steps")
                    }}
                </label>
                <progress
                    id="delete-progress-bar"
                    max=move || progress.get().1.max(1).to_string()
                    value=move || progress.get().0.to_string()
                ></progress>
                <p class="progress-announcement" role="status" aria-live="polite" aria-atomic="true" id="delete-status">
                    {announcement}
                </p>
                {move || (!connected.get() && status.get() == JobStatus::Running).then(|| view! {
                    <p class="field-hint">"The live connection dropped; reconnecting…"</p>
                })}
                <ol class="steps" id="delete-steps">
                    <For
                        each=steps
                        key=|s| (s.id, s.status as u8, s.detail.clone(), s.outcome.clone())
                        children=|s| step_item(&s)
                    />
                </ol>
                {move || action_error.get().map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })}
                <div class="actions">
                    {move || match status.get() {
                        // Cancel and retry are for those who may delete (the server says so too).
                        JobStatus::Running | JobStatus::Failed | JobStatus::Cancelled
                            if !may_change_profiles(&domain) => ().into_any(),
                        JobStatus::Running => view! {
                            <button type="button" class="button button-secondary" id="cancel-delete" on:click=cancel.clone()
                                disabled=move || job.with(|j| j.job.cancel_requested)>
                                "Cancel the delete"
                            </button>
                        }
                        .into_any(),
                        JobStatus::Failed | JobStatus::Cancelled => view! {
                            <button type="button" class="button button-primary" id="retry-delete" on:click=retry.clone()>
                                "Try again"
                            </button>
                        }
                        .into_any(),
                        JobStatus::Succeeded => view! {
                            <a class="button button-primary" href=profiles_href(&domain)>"Back to the profiles"</a>
                        }
                        .into_any(),
                    }}
                </div>
                {move || (status.get() == JobStatus::Succeeded).then(|| view! {
                    <p class="alert alert-info" id="delete-kept-note">
                        {match kept_uid() {
                            Some(uid) => format!("The home directory stays on the domain's EFS volume (user ID {uid})."),
                            None => "The home directory stays on the domain's EFS volume.".to_owned(),
                        }}
                    </p>
                })}
            </div>
        </div>
    }
}

/// A step in words (`Delete app JupyterLab/default`).
fn step_words(step: &Step) -> String {
    let verb = match step.kind.as_str() {
        "plan" => "Work out what to delete for",
        "delete_app" => "Delete",
        "delete_space" => "Delete",
        "wait_apps" => "Wait for",
        "delete_profile" => "Delete",
        "remove_access" => "Remove",
        _ => "",
    };
    format!("{verb} {}", step.resource).trim().to_owned()
}

fn step_item(step: &Step) -> impl IntoView + use<> {
    let words = step_words(step);
    let label = step.status.label();
    let note = step
        .error
        .clone()
        .or_else(|| step.outcome.clone())
        .or_else(|| step.detail.clone());
    let failed = step.error.is_some();
    view! {
        <li class="step" data-status=label>
            {status_badge(label)}
            <span class="step-what">{words}</span>
            {note.map(|n| view! { <span class=if failed { "step-note text-error" } else { "step-note" }>{n}</span> })}
        </li>
    }
}
