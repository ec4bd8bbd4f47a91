//! `/audit`: the audit log for admins: every sign-in and every change, newest first, with
//! filters (who, what, where, outcome, when), older pages on request, and the same
//! filters exported as CSV or JSON by the server.

use leptos::prelude::*;

use crate::api::types::{
    AuditAction, AuditEntry, AuditOutcome, AuditQuery, ExportFormat, Permission,
};
use crate::api::use_api;
use crate::components::{LoadWords, Needs, Page, column_heads, empty_state, filter_field, loaded};
use crate::format::{date_time_ms, iso_time_ms, local_input_ms};

/// The filters as typed, before they are applied.
#[derive(Debug, Clone, Copy)]
struct Draft {
    actor: RwSignal<String>,
    action: RwSignal<String>,
    domain: RwSignal<String>,
    outcome: RwSignal<String>,
    since: RwSignal<String>,
    until: RwSignal<String>,
}

impl Draft {
    fn new() -> Self {
        Self {
            actor: RwSignal::new(String::new()),
            action: RwSignal::new(String::new()),
            domain: RwSignal::new(String::new()),
            outcome: RwSignal::new(String::new()),
            since: RwSignal::new(String::new()),
            until: RwSignal::new(String::new()),
        }
    }

    /// The query of the typed filters (times as epoch milliseconds).
    fn query(self) -> AuditQuery {
        AuditQuery {
            actor: self.actor.get_untracked(),
            action: AuditAction::parse(&self.action.get_untracked()),
            domain: self.domain.get_untracked(),
            outcome: AuditOutcome::parse(&self.outcome.get_untracked()),
            since: local_input_ms(&self.since.get_untracked()),
            until: local_input_ms(&self.until.get_untracked()),
            ..AuditQuery::default()
        }
    }
}

/// What the audit log says while it loads and when it cannot.
const WORDS: LoadWords = LoadWords {
    loading: "Loading the audit log…",
    failed: "The audit log could not be loaded.",
};

/// The audit-log page (admins).
#[component]
pub fn AuditLogPage() -> impl IntoView {
    // The filters applied; the exports carry them too.
    let applied = RwSignal::new(AuditQuery::default());
    let export = move |format: ExportFormat| {
        move || applied.with(|q| crate::api::audit_export_href(q, format))
    };
    view! {
        <Page
            title_id="audit-title"
            title="Audit log"
            description=|| "Every sign-in and every change, with who did it, when, and what came of it. Newest first."
            actions=move || view! {
                <a class="button button-secondary" id="export-csv" download="" href=export(ExportFormat::Csv)>
                    "Export CSV"
                </a>
                <a class="button button-secondary" id="export-json" download="" href=export(ExportFormat::Json)>
                    "Export JSON"
                </a>
            }
            needs=Needs::anywhere(Permission::ReadAudit)
        >
            <AuditLog applied />
        </Page>
    }
}

/// The filters, the entries and the pager.
#[component]
fn AuditLog(
    /// The filters applied (set by Apply filters).
    applied: RwSignal<AuditQuery>,
) -> impl IntoView {
    let api = use_api();
    let draft = Draft::new();
    // The page asked for (0: the newest), and the pages before it, to go back.
    let before = RwSignal::new(0_i64);
    let newer = RwSignal::new(Vec::<i64>::new());
    let page = LocalResource::new(move || {
        let api = api.clone();
        let (query, before) = (applied.get(), before.get());
        async move { api.audit(&query, before).await }
    });
    let on_apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        newer.set(Vec::new());
        before.set(0);
        applied.set(draft.query());
    };
    let next = move || {
        page.with(|p| {
            p.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|p| p.next)
        })
    };
    let older = move |_| {
        if let Some(next) = next() {
            newer.update(|n| n.push(before.get_untracked()));
            before.set(next);
        }
    };
    let newer_page = move |_| {
        let mut stack = newer.get_untracked();
        if let Some(previous) = stack.pop() {
            newer.set(stack);
            before.set(previous);
        }
    };
    let body = loaded(page, WORDS, |loaded| {
        if loaded.entries.is_empty() {
            empty_state(
                "No entries match these filters.",
                "Widen the time range or clear a filter.",
            )
        } else {
            entries_table(loaded.entries).into_any()
        }
    });
    view! {
        <form class="filters" role="search" aria-label="Filter the audit log" on:submit=on_apply>
            {filter_field("audit-actor", "Actor", "text", None, draft.actor)}
            <div class="field field-inline">
                <label class="field-label" for="audit-action">"Action"</label>
                <select id="audit-action" class="field-input field-select" on:change=move |ev| draft.action.set(event_target_value(&ev))>
                    <option value="">"Any action"</option>
                    {AuditAction::ALL.iter().map(|a| view! { <option value=a.as_str()>{a.label()}</option> }).collect_view()}
                </select>
            </div>
            {filter_field("audit-domain", "Domain", "text", None, draft.domain)}
            <div class="field field-inline">
                <label class="field-label" for="audit-outcome">"Outcome"</label>
                <select id="audit-outcome" class="field-input field-select" on:change=move |ev| draft.outcome.set(event_target_value(&ev))>
                    <option value="">"Any outcome"</option>
                    {AuditOutcome::ALL.iter().map(|o| view! { <option value=o.as_str()>{outcome_label(*o)}</option> }).collect_view()}
                </select>
            </div>
            {filter_field("audit-since", "Since", "datetime-local", None, draft.since)}
            {filter_field("audit-until", "Until", "datetime-local", None, draft.until)}
            <button type="submit" class="button button-primary" id="apply-filters">
                "Apply filters"
            </button>
        </form>
        {body}
        <div class="pager">
            <button type="button" class="button button-secondary" disabled=move || newer.with(Vec::is_empty) on:click=newer_page>
                "Newer entries"
            </button>
            <button type="button" class="button button-secondary" id="older-entries" disabled=move || next().is_none() on:click=older>
                "Older entries"
            </button>
        </div>
    }
}

/// An outcome in words.
fn outcome_label(outcome: AuditOutcome) -> &'static str {
    match outcome {
        AuditOutcome::Ok => "OK",
        AuditOutcome::Refused => "Refused",
        AuditOutcome::Failed => "Failed",
    }
}

/// The entries as a table.
fn entries_table(entries: Vec<AuditEntry>) -> impl IntoView {
    let rows = entries
        .into_iter()
        .map(|e| {
            let tone = match e.outcome {
                AuditOutcome::Ok => "success",
                AuditOutcome::Refused => "warning",
                AuditOutcome::Failed => "error",
            };
            let summary = e.summary.as_ref().filter(|s| !s.is_null()).map(|s| {
                view! {
                    <details>
                        <summary>"Summary"</summary>
                        <pre class="code">{crate::profile_form::model::json::pretty(&s.to_string())}</pre>
                    </details>
                }
            });
            view! {
                <tr data-entry=e.id.to_string()>
                    <td><time datetime=iso_time_ms(e.at)>{date_time_ms(e.at)}</time></td>
                    <td>{e.actor.clone()} {e.role.map(|r| view! { <span class="muted">{format!(" ({r})")}</span> })}</td>
                    <td class="mono">{e.action.as_str()}</td>
                    <td class="mono">{e.domain_id.clone().unwrap_or_default()}</td>
                    <td class="mono cell-wrap">{e.target.clone().unwrap_or_default()}</td>
                    <td>
                        <span class=format!("badge badge-{tone}")>{e.outcome.as_str()}</span>
                        " " <span class="muted">{e.status}</span>
                    </td>
                    <td class="cell-wrap">{e.message.clone().unwrap_or_default()} {summary}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="panel table-panel">
            <table class="table" id="audit-table">
                {column_heads(&["When", "Actor", "Action", "Domain", "Target", "Outcome", "Details"])}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
