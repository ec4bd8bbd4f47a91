//! `/domains/{domain}/team`: a team from a file. The lead chooses (or pastes) a CSV file
//! or a JSON array of CreateUserProfile requests; the panel reads it at once with the
//! model's own reader and shows each problem at its line and column, then asks the proxy
//! for the plan (`POST /api/domains/{domain}/batch/plan`): what each row would do, with
//! counts at the top. Nothing is sent until Apply (`team_batch.rs`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use studio_admin_model::table::{Table, check_row};
use studio_admin_model::{AuthMode, DomainContext};
use wasm_bindgen::JsCast as _;

use super::domain_page::DomainPage;
use super::team_batch::TeamBatch;
use crate::api::types::{BatchPlan, DirectoryGroup, Domain, Permission, PlanBody, RowAction};
use crate::api::{ApiError, use_api};

/// The team page (leads of the domain and admins).
#[component]
pub fn TeamPlanPage() -> impl IntoView {
    view! {
        <DomainPage
            title_id="team-title"
            title="Add a team from a file"
            crumb="Team from a file"
            about=|place| format!(
                "Describe the people to add to {place} in one file: a header row naming CreateUserProfile members by their path (UserProfileName, UserSettings.ExecutionRole, Tags.KEY, ...), one row per person. The plan shows what each row would do before anything is sent."
            )
            permission=Permission::ChangeProfiles
            body=|domain_id, domain| view! { <TeamPlan domain_id domain /> }.into_any()
        />
    }
}

/// A problem found while reading the file in the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LocalProblem {
    /// Where: `line 3, UserSettings.SecurityGroups`, or the row for JSON.
    at: String,
    /// What is wrong.
    message: String,
}

/// What the browser found in the file before the proxy is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LocalCheck {
    /// Rows read.
    rows: usize,
    /// Errors of the file and of its rows.
    problems: Vec<LocalProblem>,
}

/// Reads `text` as the proxy will, and checks every row with the domain's context.
fn local_check(text: &str, domain_id: &str, context: Option<&DomainContext>) -> LocalCheck {
    let table = Table::parse(text);
    let mut problems: Vec<LocalProblem> = table
        .problems
        .iter()
        .map(|p| LocalProblem {
            at: [
                p.line.map(|l| format!("line {l}")),
                p.column.clone().filter(|c| !c.is_empty()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
            message: p.message.clone(),
        })
        .collect();
    for row in &table.rows {
        let place = row
            .line
            .map_or_else(|| format!("item {}", row.row), |l| format!("line {l}"));
        for problem in check_row(row, domain_id, context).problems {
            if problem.severity != studio_admin_model::Severity::Error {
                continue;
            }
            let at = if problem.column.is_empty() {
                place.clone()
            } else {
                format!("{place}, {}", problem.column)
            };
            problems.push(LocalProblem {
                at,
                message: problem.message,
            });
        }
    }
    LocalCheck {
        rows: table.rows.len(),
        problems,
    }
}

/// The file chooser, what the browser found, and the plan.
#[component]
fn TeamPlan(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The domain (`None` while it loads).
    domain: Signal<Option<Domain>>,
) -> impl IntoView {
    let api = use_api();
    let text = RwSignal::new(String::new());
    let read_error = RwSignal::new(None::<String>);
    let create_only = RwSignal::new(false);
    let plan = RwSignal::new(None::<Result<BatchPlan, ApiError>>);
    let planning = RwSignal::new(false);
    let local = Memo::new(move |_| {
        let context = domain.with(|d| d.as_ref().map(Domain::context));
        text.with(|t| {
            (!t.trim().is_empty()).then(|| local_check(t, &domain_id.get(), context.as_ref()))
        })
    });
    // A plan is of the file it was made for: a changed file needs a new one.
    Effect::new(move |_| {
        text.track();
        create_only.track();
        plan.set(None);
    });

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        read_error.set(None);
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(value) => text.set(value.as_string().unwrap_or_default()),
                Err(_) => read_error.set(Some(format!("{} could not be read.", file.name()))),
            }
        });
    };
    let make_plan = move |_| {
        let api = api.clone();
        let body = PlanBody {
            file: text.get_untracked(),
            create_only: create_only.get_untracked(),
        };
        let domain = domain_id.get_untracked();
        planning.set(true);
        spawn_local(async move {
            let answer = api.batch_plan(&domain, &body).await;
            plan.set(Some(answer));
            planning.set(false);
        });
    };
    let template_href = move || format!("/api/domains/{}/batch/template", domain_id.get());
    let is_sso = move || {
        domain.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.context().auth_mode == AuthMode::Sso)
        })
    };
    let can_plan =
        move || !planning.get() && local.with(|l| l.as_ref().is_some_and(|l| l.rows > 0));

    view! {
        <section class="card" aria-labelledby="team-file-title">
            <h2 id="team-file-title">"The file"</h2>
            <p class="field-hint">
                "CSV: empty cells are not set; separate the items of a list with ; (UserSettings.SecurityGroups); a cell starting with [ or { is JSON for its member. A JSON array of CreateUserProfile requests works too. "
                <a id="team-template" href=template_href download="">"Download a template for this domain"</a>
                "."
            </p>
            {move || is_sso().then(|| view! { <GroupPicker domain_id text /> })}
            <label class="field-label" for="team-file">"Choose a file"</label>
            <input id="team-file" type="file" accept=".csv,.json,text/csv,application/json" on:change=on_file />
            <label class="field-label" for="team-text">"Or paste it here"</label>
            <textarea
                id="team-text"
                class="field-input"
                rows="8"
                spellcheck="false"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            {move || read_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {move || local.get().map(local_view)}
            <label class="field-check">
                <input
                    id="team-create-only"
                    type="checkbox"
                    prop:checked=move || create_only.get()
                    on:change=move |ev| create_only.set(event_target_checked(&ev))
                />
                " Only create: leave existing profiles as they are"
            </label>
            <div class="actions">
                <button
                    id="team-plan"
                    type="button"
                    class="button button-primary"
                    disabled=move || !can_plan()
                    on:click=make_plan
                >
                    {move || if planning.get() { "Planning…" } else { "Show the plan" }}
                </button>
            </div>
        </section>
        {move || plan.get().map(plan_view)}
        <TeamBatch domain_id apply=Signal::derive(move || applicable(plan, text, create_only)) />
    }
}

/// The file and options of a plan that can be applied (every row valid, something to
/// send), with how many rows send something.
fn applicable(
    plan: RwSignal<Option<Result<BatchPlan, ApiError>>>,
    text: RwSignal<String>,
    create_only: RwSignal<bool>,
) -> Option<(PlanBody, usize)> {
    plan.with(|p| match p {
        Some(Ok(plan)) if !plan.has_problems() && !plan.is_noop() => {
            let updates = if plan.create_only {
                0
            } else {
                plan.counts.update
            };
            Some(plan.counts.create + updates)
        }
        _ => None,
    })
    .map(|changes| {
        let body = PlanBody {
            file: text.get_untracked(),
            create_only: create_only.get_untracked(),
        };
        (body, changes)
    })
}

/// A directory group as the team (SSO domains): its members become the file, one row
/// each, for the lead to check before the plan.
#[component]
fn GroupPicker(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The file's text, which the group's file replaces.
    text: RwSignal<String>,
) -> impl IntoView {
    let api = use_api();
    let groups = RwSignal::new(None::<Result<Vec<DirectoryGroup>, ApiError>>);
    let chosen = RwSignal::new(String::new());
    let reading = RwSignal::new(false);
    let said = RwSignal::new(None::<String>);
    {
        let api = api.clone();
        let domain = domain_id.get_untracked();
        spawn_local(async move {
            let answer = api.directory_groups(&domain).await.map(|g| g.groups);
            if let Ok(first) = &answer {
                chosen.try_set(
                    first
                        .first()
                        .map(|g| g.group_id.clone())
                        .unwrap_or_default(),
                );
            }
            groups.try_set(Some(answer));
        });
    }
    let use_group = move |_| {
        let group = chosen.get_untracked();
        if group.is_empty() || reading.get_untracked() {
            return;
        }
        reading.set(true);
        let api = api.clone();
        let domain = domain_id.get_untracked();
        spawn_local(async move {
            let answer = api.group_team(&domain, &group).await;
            reading.try_set(false);
            match answer {
                Ok(team) => {
                    said.try_set(Some(format!(
                        "{} members of {}: one row each, the profile name made from the user name. Check the names, then show the plan.",
                        team.members.len(),
                        team.group.display_name
                    )));
                    text.try_set(team.file);
                }
                Err(e) => {
                    said.try_set(Some(format!(
                        "The group could not be read: {}",
                        e.message()
                    )));
                }
            }
        });
    };
    let options = move || match groups.get() {
        Some(Ok(list)) => list
            .into_iter()
            .map(|g| view! { <option value=g.group_id>{g.display_name}</option> })
            .collect_view()
            .into_any(),
        _ => ().into_any(),
    };
    let state = move || match groups.get() {
        None => Some("Reading the directory's groups…".to_owned()),
        Some(Err(e)) => Some(format!("The groups could not be read: {}", e.message())),
        Some(Ok(list)) if list.is_empty() => Some("The directory has no groups.".to_owned()),
        Some(Ok(_)) => None,
    };
    view! {
        <fieldset class="field" id="team-group">
            <legend class="field-label">"Or take a directory group"</legend>
            <select
                id="team-group-select"
                class="field-input"
                aria-label="Directory group"
                prop:value=move || chosen.get()
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                {options}
            </select>
            <button
                id="team-group-use"
                type="button"
                class="button"
                disabled=move || reading.get() || chosen.with(String::is_empty)
                on:click=use_group
            >
                {move || if reading.get() { "Reading the group…" } else { "Use this group" }}
            </button>
            {move || state().map(|s| view! { <p class="field-hint">{s}</p> })}
            {move || said.get().map(|s| view! { <p class="field-hint" role="status">{s}</p> })}
        </fieldset>
    }
}

/// What the browser found: the rows read and every error at its place.
fn local_view(check: LocalCheck) -> AnyView {
    let summary = if check.problems.is_empty() {
        format!("{} rows read, no problems found.", check.rows)
    } else {
        format!(
            "{} rows read, {} problems: fix them in the file and choose it again.",
            check.rows,
            check.problems.len()
        )
    };
    let problems = check
        .problems
        .into_iter()
        .map(|p| view! { <li><strong>{p.at}</strong>": "{p.message}</li> })
        .collect_view();
    view! {
        <div id="team-local" aria-live="polite">
            <p>{summary}</p>
            <ul class="problem-list">{problems}</ul>
        </div>
    }
    .into_any()
}

/// The plan: counts, then one row per file row.
fn plan_view(plan: Result<BatchPlan, ApiError>) -> AnyView {
    let plan = match plan {
        Ok(plan) => plan,
        Err(e) => {
            return view! {
                <div class="alert alert-error" role="alert" id="team-plan-error">
                    {format!("The plan could not be made: {}", e.message())}
                </div>
            }
            .into_any();
        }
    };
    let counts = plan.counts;
    let update_word = if plan.create_only {
        "left as they are"
    } else {
        "to update"
    };
    let summary = format!(
        "{} to create, {} {update_word}, {} unchanged, {} invalid. Nothing has been sent.",
        counts.create, counts.update, counts.unchanged, counts.invalid
    );
    let file_problems = plan
        .problems
        .iter()
        .map(|p| {
            let at = [
                p.line.map(|l| format!("line {l}")),
                p.column.clone().filter(|c| !c.is_empty()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            view! { <li><strong>{at}</strong>": "{p.message.clone()}</li> }
        })
        .collect_view();
    let create_only = plan.create_only;
    let rows = plan
        .rows
        .into_iter()
        .map(|row| {
            let action = match (row.action, create_only) {
                (RowAction::Update, true) => "skip",
                (action, _) => action.as_str(),
            };
            let details = if row.changes.is_empty() {
                row.problems
                    .iter()
                    .map(|p| format!("{}: {}", p.column, p.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                format!("Changes {}", row.changes.join(", "))
            };
            view! {
                <tr data-action=action>
                    <td>{row.row}</td>
                    <td>{row.line.map(|l| l.to_string()).unwrap_or_default()}</td>
                    <td>{row.name.unwrap_or_default()}</td>
                    <td>{action}</td>
                    <td>{details}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="team-plan-title">
            <h2 id="team-plan-title">"The plan"</h2>
            <p id="team-plan-counts" role="status">{summary}</p>
            <ul class="problem-list">{file_problems}</ul>
            <table class="table" id="team-plan-table">
                <thead>
                    <tr><th>"Row"</th><th>"Line"</th><th>"Name"</th><th>"Action"</th><th>"Details"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}
