//! `/domains/{domain}/offboard`: a team that leaves, offboarded as one selection. The lead
//! ticks profiles (or every profile matching a search), sees one combined plan (each
//! profile's apps and spaces, the totals, what stays), confirms by typing how many
//! profiles go, and follows one delete job per profile with a combined progress bar. Each
//! profile's own delete page keeps showing its job.

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::domain_page::DomainPage;
use crate::api::types::{DeletePlan, Domain, JobStatus, Permission, ProfileQuery};
use crate::api::{Api, ApiError, use_api};
use crate::format::fold_case;

/// How often the progress asks for the jobs while any still runs.
const POLL: Duration = Duration::from_secs(2);

/// The offboarding page (leads of the domain and admins).
#[component]
pub fn OffboardTeamPage() -> impl IntoView {
    view! {
        <DomainPage
            title_id="offboard-title"
            title="Offboard several profiles"
            crumb="Offboard several"
            about=|place| format!(
                "Choose the profiles of {place} that leave. Each is deleted with its whole cleanup: its apps, the spaces it owns and their apps, then the profile. Nothing is deleted before you confirm the plan."
            )
            permission=Permission::ChangeProfiles
            body=body
        />
    }
}

/// The page's body: the domain itself is not needed, only its id.
fn body(domain_id: Memo<String>, _domain: Signal<Option<Domain>>) -> AnyView {
    view! { <Offboard domain_id /> }.into_any()
}

/// Where a profile's offboarding stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Progress {
    /// Asked to start.
    Starting,
    /// Its job runs (or ended): the job id and its status.
    Job(i64, JobStatus),
    /// The job could not be started or read.
    Failed(String),
}

/// Every profile of the domain (all pages), by name.
async fn every_profile(api: &Api, domain: &str) -> Result<Vec<String>, ApiError> {
    let mut names = Vec::new();
    let mut query = ProfileQuery::default();
    loop {
        let page = api.profiles(domain, &query).await?;
        names.extend(
            page.profiles
                .into_iter()
                .filter_map(|p| p.user_profile_name),
        );
        match page.next {
            Some(next) if !next.is_empty() => query.next = next,
            _ => break,
        }
    }
    names.sort();
    Ok(names)
}

/// Selection, plan, confirmation and progress.
#[component]
fn Offboard(
    /// The domain's id.
    domain_id: Memo<String>,
) -> impl IntoView {
    let api = use_api();
    let profiles = RwSignal::new(None::<Result<Vec<String>, ApiError>>);
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let plans = RwSignal::new(None::<Vec<(String, Result<DeletePlan, ApiError>)>>);
    let typed = RwSignal::new(String::new());
    let progress = RwSignal::new(Vec::<(String, Progress)>::new());
    {
        let api = api.clone();
        let domain = domain_id.get_untracked();
        spawn_local(async move {
            profiles.try_set(Some(every_profile(&api, &domain).await));
        });
    }
    let matching = Memo::new(move |_| {
        let needle = fold_case(search.get().trim());
        profiles.with(|p| match p {
            Some(Ok(names)) => names
                .iter()
                .filter(|n| n.to_ascii_lowercase().contains(&needle))
                .cloned()
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });
    // A changed selection needs a new plan.
    Effect::new(move |_| {
        chosen.track();
        plans.set(None);
        typed.set(String::new());
    });
    let started = move || !progress.with(Vec::is_empty);

    // Which plan is being gathered: answers for an older selection are dropped.
    let round = StoredValue::new(0_u64);
    let make_plan = {
        let api = api.clone();
        move |_| {
            let names: Vec<String> = chosen.get_untracked().into_iter().collect();
            let domain = domain_id.get_untracked();
            round.update_value(|r| *r += 1);
            let this_round = round.get_value();
            plans.set(Some(Vec::new()));
            // Side by side: the browser keeps a few requests in flight at once.
            for name in names {
                let api = api.clone();
                let domain = domain.clone();
                spawn_local(async move {
                    let plan = api.delete_plan(&domain, &name).await;
                    if round.try_get_value() != Some(this_round) {
                        return;
                    }
                    plans.try_update(|found| {
                        if let Some(found) = found {
                            found.push((name, plan));
                            found.sort_by(|a, b| a.0.cmp(&b.0));
                        }
                    });
                });
            }
        }
    };
    let start = move |_| {
        let names: Vec<String> = chosen.get_untracked().into_iter().collect();
        progress.set(
            names
                .iter()
                .map(|n| (n.clone(), Progress::Starting))
                .collect(),
        );
        let domain = domain_id.get_untracked();
        for name in names {
            let api = api.clone();
            let domain = domain.clone();
            spawn_local(async move {
                let now = match api.start_delete(&domain, &name, false).await {
                    Ok(job) => Progress::Job(job.job.id, job.job.status),
                    Err(e) => Progress::Failed(e.message()),
                };
                set_progress(progress, &name, now);
            });
        }
        let api = api.clone();
        spawn_local(async move { follow(&api, progress).await });
    };
    let ready = move || {
        plans.with(|p| {
            p.as_ref().is_some_and(|p| {
                !p.is_empty()
                    && p.len() == chosen.with(BTreeSet::len)
                    && p.iter().all(|(_, r)| r.is_ok())
            })
        })
    };
    let confirmed = move || typed.get().trim() == chosen.with(BTreeSet::len).to_string();

    view! {
        <section class="card" aria-labelledby="offboard-choose-title">
            <h2 id="offboard-choose-title">"Who leaves"</h2>
            <label class="field-label" for="offboard-search">"Search by name"</label>
            <input
                id="offboard-search"
                class="field-input"
                type="search"
                prop:value=move || search.get()
                on:input=move |ev| search.set(event_target_value(&ev))
                prop:disabled=started
            />
            <div class="actions">
                <button
                    id="offboard-select-all"
                    type="button"
                    class="button"
                    disabled=move || started() || matching.with(Vec::is_empty)
                    on:click=move |_| chosen.update(|c| c.extend(matching.get_untracked()))
                >
                    {move || format!("Select all {} matching", matching.with(Vec::len))}
                </button>
                <button
                    id="offboard-clear"
                    type="button"
                    class="button"
                    disabled=move || started() || chosen.with(BTreeSet::is_empty)
                    on:click=move |_| chosen.set(BTreeSet::new())
                >
                    "Clear the selection"
                </button>
            </div>
            {move || match profiles.get() {
                None => view! { <p>"Reading the domain's profiles…"</p> }.into_any(),
                Some(Err(e)) => view! {
                    <p class="field-error" role="alert">{format!("The profiles could not be read: {}", e.message())}</p>
                }.into_any(),
                Some(Ok(_)) => view! {
                    <ul class="check-list" id="offboard-profiles">
                        <For each=move || matching.get() key=|name| name.clone() let:name>
                            <li>
                                <label class="field-check">
                                    <input
                                        type="checkbox"
                                        value=name.clone()
                                        prop:checked={
                                            let name = name.clone();
                                            move || chosen.with(|c| c.contains(&name))
                                        }
                                        prop:disabled=started
                                        on:change={
                                            let name = name.clone();
                                            move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen.update(|c| {
                                                    if on { c.insert(name.clone()); } else { c.remove(&name); }
                                                });
                                            }
                                        }
                                    />
                                    " " {name}
                                </label>
                            </li>
                        </For>
                    </ul>
                }.into_any(),
            }}
            <p id="offboard-selected" role="status">
                {move || format!("{} selected.", chosen.with(BTreeSet::len))}
            </p>
            <div class="actions">
                <button
                    id="offboard-plan"
                    type="button"
                    class="button button-primary"
                    disabled=move || started() || chosen.with(BTreeSet::is_empty)
                    on:click=make_plan
                >
                    "Show the plan"
                </button>
            </div>
        </section>
        {move || plans.get().map(|found| plan_view(found, &domain_id.get_untracked()))}
        {move || (ready() && !started()).then(|| view! {
            <section class="card" aria-labelledby="offboard-confirm-title">
                <h2 id="offboard-confirm-title">"Confirm"</h2>
                <label class="field-label" for="offboard-count">
                    {move || format!("Type {} to offboard that many profiles", chosen.with(BTreeSet::len))}
                </label>
                <input
                    id="offboard-count"
                    class="field-input"
                    inputmode="numeric"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <div class="actions">
                    <button
                        id="offboard-start"
                        type="button"
                        class="button button-danger"
                        disabled=move || !confirmed()
                        on:click=start.clone()
                    >
                        {move || format!("Offboard {} profiles", chosen.with(BTreeSet::len))}
                    </button>
                </div>
            </section>
        })}
        {move || started().then(|| progress_view(progress, domain_id.get_untracked()))}
    }
}

/// Records `now` for the profile `name`.
fn set_progress(progress: RwSignal<Vec<(String, Progress)>>, name: &str, now: Progress) {
    progress.try_update(|all| {
        if let Some(entry) = all.iter_mut().find(|(n, _)| n == name) {
            entry.1 = now;
        }
    });
}

/// Asks for every running job until none runs and none is still starting.
async fn follow(api: &Api, progress: RwSignal<Vec<(String, Progress)>>) {
    loop {
        gloo_sleep(POLL).await;
        let Some((running, starting)) = progress.try_with_untracked(|all| {
            let running: Vec<(String, i64)> = all
                .iter()
                .filter_map(|(name, p)| match p {
                    Progress::Job(id, status) if !status.is_finished() => Some((name.clone(), *id)),
                    _ => None,
                })
                .collect();
            let starting = all.iter().any(|(_, p)| *p == Progress::Starting);
            (running, starting)
        }) else {
            return;
        };
        if running.is_empty() && !starting {
            return;
        }
        for (name, id) in running {
            if let Ok(job) = api.job(id).await {
                set_progress(progress, &name, Progress::Job(id, job.job.status));
            }
        }
    }
}

/// Waits `wait` (the browser's timer).
async fn gloo_sleep(wait: Duration) {
    let millis = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What deleting one profile touches: apps (its own and its spaces'), spaces, and what
/// stays.
fn counts(plan: &DeletePlan) -> (usize, usize, usize) {
    let apps = plan.apps.len() + plan.spaces.iter().map(|s| s.apps.len()).sum::<usize>();
    (apps, plan.spaces.len(), plan.kept.len())
}

/// The combined plan: a row per profile, the totals, what stays.
fn plan_view(found: Vec<(String, Result<DeletePlan, ApiError>)>, domain: &str) -> AnyView {
    let (apps, spaces, kept) = found
        .iter()
        .filter_map(|(_, p)| p.as_ref().ok().map(counts))
        .fold((0, 0, 0), |(a, s, k), (pa, ps, pk)| {
            (a + pa, s + ps, k + pk)
        });
    let summary = format!(
        "{} profiles, {apps} apps and {spaces} spaces to delete; {kept} things stay (home directories, shared spaces).",
        found.len()
    );
    let rows = found
        .into_iter()
        .map(|(name, plan)| {
            let href = format!("/domains/{domain}/profiles/{name}/delete");
            let detail = match plan {
                Ok(plan) => {
                    let (apps, spaces, kept) = counts(&plan);
                    format!("{apps} apps, {spaces} spaces; {kept} stay")
                }
                Err(e) => format!("No plan: {}", e.message()),
            };
            view! { <tr><td><a href=href>{name}</a></td><td>{detail}</td></tr> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="offboard-plan-title">
            <h2 id="offboard-plan-title">"The plan"</h2>
            <p id="offboard-plan-totals">{summary}</p>
            <table class="table" id="offboard-plan-table">
                <thead><tr><th>"Profile"</th><th>"Deleted first, and what stays"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

/// The combined progress: a bar, and a row per profile linking to its own delete page.
fn progress_view(progress: RwSignal<Vec<(String, Progress)>>, domain: String) -> AnyView {
    let ended = move || {
        progress.with(|all| {
            all.iter()
                .filter(|(_, p)| match p {
                    Progress::Job(_, status) => status.is_finished(),
                    Progress::Failed(_) => true,
                    Progress::Starting => false,
                })
                .count()
        })
    };
    let total = move || progress.with(Vec::len);
    view! {
        <section class="card" aria-labelledby="offboard-progress-title">
            <h2 id="offboard-progress-title">"Progress"</h2>
            <progress id="offboard-bar" max=total value=ended></progress>
            <p id="offboard-progress-count" role="status">
                {move || format!("{} of {} ended.", ended(), total())}
            </p>
            <ul id="offboard-progress">
                {move || progress.get().into_iter().map(|(name, p)| {
                    let href = format!("/domains/{domain}/profiles/{name}/delete");
                    let said = match p {
                        Progress::Starting => "starting".to_owned(),
                        Progress::Job(_, status) => status.label().to_owned(),
                        Progress::Failed(why) => format!("not started: {why}"),
                    };
                    view! { <li><a href=href>{name}</a>": "{said}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
