//! Stopping apps: the confirmation (which apps, what stopping means), the call, and what
//! came of it.

use leptos::prelude::*;

use super::View;
use super::rows::{key, owner};
use crate::api::types::{RunningApp, StopResults};
use crate::api::{ApiError, use_api};

/// The confirmation of a stop, while it is open: the selected apps and Stop / Cancel.
#[component]
pub fn StopConfirm(
    /// What the parts of the page share.
    state: View,
    /// Every app of the loaded page.
    apps: Memo<Vec<RunningApp>>,
    /// Called after a stop (the page loads again).
    on_stopped: Callback<()>,
) -> impl IntoView {
    let View {
        domain_id,
        selected,
        confirming,
        outcome,
        ..
    } = state;
    let api = use_api();
    let busy = RwSignal::new(false);
    let chosen = move || {
        selected.with(|s| {
            apps.with(|apps| {
                apps.iter()
                    .filter(|a| s.contains(&key(a)))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let stop = move |_| {
        let refs = chosen().iter().map(RunningApp::to_ref).collect::<Vec<_>>();
        if refs.is_empty() {
            confirming.set(false);
            return;
        }
        let (api, domain) = (api.clone(), domain_id.get_untracked());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = api.stop_apps(&domain, refs).await;
            busy.try_set(false);
            confirming.try_set(false);
            selected.try_set(Default::default());
            outcome.try_set(Some(result));
            on_stopped.run(());
        });
    };
    move || {
        let stop = stop.clone();
        confirming.get().then(move || {
            let apps = chosen();
            let n = apps.len();
            let title = if n == 1 {
                "Stop 1 app?".to_owned()
            } else {
                format!("Stop {n} apps?")
            };
            let items = apps
                .iter()
                .map(|a| {
                    let person = a
                        .person
                        .as_ref()
                        .map(|p| format!(" ({p})"))
                        .unwrap_or_default();
                    view! { <li>{format!("{} {} of {}{person}", a.app_type, a.app_name, owner(a))}</li> }
                })
                .collect_view();
            view! {
                <div class="panel confirm" id="stop-confirm" role="alertdialog" aria-labelledby="stop-confirm-title" aria-describedby="stop-confirm-body">
                    <h2 class="panel-title" id="stop-confirm-title">{title}</h2>
                    <div class="panel-body" id="stop-confirm-body">
                        <ul>{items}</ul>
                        <p>
                            "SageMaker deletes each app: its instance shuts down and work not saved in it is lost. Files in the home directory or the space's storage stay, and the person can start the app again from Studio."
                        </p>
                        <div class="actions">
                            <button type="button" class="button button-danger" id="confirm-stop" disabled=move || busy.get() on:click=stop>
                                {move || if busy.get() { "Stopping…".to_owned() } else if n == 1 { "Stop the app".to_owned() } else { format!("Stop {n} apps") }}
                            </button>
                            <button type="button" class="button button-secondary" id="cancel-stop" on:click=move |_| confirming.set(false)>
                                "Cancel"
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// What the last stop answered: how many were stopped, and why any were not.
#[component]
pub fn StopOutcome(
    /// The answer (none before the first stop).
    outcome: RwSignal<Option<Result<StopResults, ApiError>>>,
) -> impl IntoView {
    move || {
        outcome.get().map(|result| match result {
            Ok(results) => {
                let stopped = results.results.iter().filter(|r| r.stopped).count();
                let failed: Vec<String> = results
                    .results
                    .iter()
                    .filter(|r| !r.stopped)
                    .map(|r| {
                        format!(
                            "{}: {}",
                            r.app.describe(),
                            r.error.clone().unwrap_or_default()
                        )
                    })
                    .collect();
                let apps = if stopped == 1 { "app" } else { "apps" };
                let failures = (!failed.is_empty()).then(|| {
                    view! {
                        <div class="alert alert-error" role="alert">
                            <p class="alert-title">"Some apps were not stopped:"</p>
                            <ul>{failed.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                        </div>
                    }
                });
                view! {
                    <div class="alert alert-success" role="status" id="stop-outcome">
                        {format!("Stopped {stopped} {apps}. SageMaker is deleting them; they leave this page once deleted.")}
                    </div>
                    {failures}
                }
                .into_any()
            }
            Err(error) => view! {
                <div class="alert alert-error" role="alert" id="stop-outcome">
                    {format!("The apps were not stopped: {error}")}
                </div>
            }
            .into_any(),
        })
    }
}
