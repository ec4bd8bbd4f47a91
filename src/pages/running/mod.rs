//! `/domains/{domain}/running`: what runs in a domain now. Every app that holds an
//! instance, whose it is, on what, since when, its last activity and idle shutdown (apps
//! idle past it flagged), instance-hours and, with a prices file, an estimated cost;
//! totals by instance type and by person that add up the rows. The table sorts and
//! filters; the page refreshes itself every 30 seconds. Leads select apps and stop them
//! after a confirmation.
//!
//! - `rows.rs`: the keys, the filter, the sort.
//! - `table.rs`: the table of apps with its selection.
//! - `totals.rs`: the totals.
//! - `stop.rs`: the confirmation and what came of a stop.

mod rows;
mod stop;
mod table;
mod totals;

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::prelude::*;

use self::rows::{Sort, arrange};
use self::stop::{StopConfirm, StopOutcome};
use self::table::{AppsTable, Toolbar};
use self::totals::Totals;
use super::domain_page::DomainPage;
use crate::api::types::{Permission, RunningApp, RunningApps, StopResults};
use crate::api::{ApiError, use_api};
use crate::components::{LoadWords, empty_state, load_view};
use crate::state::may_change_profiles;

/// How often the page asks again.
pub const REFRESH_EVERY: Duration = Duration::from_secs(30);

/// What the page says while the apps load and when they cannot.
const WORDS: LoadWords = LoadWords {
    loading: "Loading what runs in the domain…",
    failed: "What runs in the domain could not be loaded.",
};

/// The running page (whoever reads the domain; leads and admins also stop apps).
#[component]
pub fn RunningPage() -> impl IntoView {
    view! {
        <DomainPage
            title_id="running-title"
            title="Running now"
            crumb="Running now"
            about=|place| format!("Every app that holds an instance in {place} now, longest running first.")
            permission=Permission::Read
            body=|domain_id, _| view! { <Running domain_id /> }.into_any()
        />
    }
}

/// What the page's parts share.
#[derive(Debug, Clone, Copy)]
struct View {
    /// The domain's id.
    domain_id: Memo<String>,
    /// The words of the filter.
    filter: RwSignal<String>,
    /// The sort.
    sort: RwSignal<Sort>,
    /// The keys of the selected apps.
    selected: RwSignal<BTreeSet<String>>,
    /// Whether the stop confirmation is open.
    confirming: RwSignal<bool>,
    /// What the last stop answered.
    outcome: RwSignal<Option<Result<StopResults, ApiError>>>,
}

/// The refresh line, the toolbar, the notes, the totals, the apps, and the stop
/// confirmation.
#[component]
fn Running(
    /// The domain's id.
    domain_id: Memo<String>,
) -> impl IntoView {
    let api = use_api();
    let page = LocalResource::new(move || {
        let api = api.clone();
        let domain = domain_id.get();
        async move { api.running(&domain).await }
    });
    let state = View {
        domain_id,
        filter: RwSignal::new(String::new()),
        sort: RwSignal::new(Sort::default()),
        selected: RwSignal::new(BTreeSet::new()),
        confirming: RwSignal::new(false),
        outcome: RwSignal::new(None),
    };
    // Ask again 30 s after each answer (not on a fixed beat, so answers never overlap).
    Effect::new(move |previous: Option<Option<TimeoutHandle>>| {
        if let Some(Some(handle)) = previous {
            handle.clear();
        }
        page.track();
        set_timeout_with_handle(move || page.refetch(), REFRESH_EVERY).ok()
    });
    let loaded = move || {
        page.with(|p| {
            p.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|p| (p.at, p.apps.clone()))
        })
    };
    let apps = Memo::new(move |_| loaded().map(|(_, apps)| apps).unwrap_or_default());
    let shown = Memo::new(move |_| {
        let (filter, sort) = (state.filter.get(), state.sort.get());
        apps.with(|apps| arrange(apps, &filter, sort))
    });
    let may_stop = Signal::derive(move || may_change_profiles(&domain_id.get()));
    let on_stopped = Callback::new(move |()| page.refetch());
    let body = move || {
        load_view(
            page.get(),
            WORDS,
            move || page.refetch(),
            move |loaded| running_view(state, loaded, shown, may_stop.get_untracked()),
        )
    };
    view! {
        <div class="toolbar">
            <p class="toolbar-status" id="last-refresh" aria-live="polite">
                {move || match loaded() {
                    Some((at, _)) => format!("Refreshed at {}; refreshes every 30 seconds.", clock_time(at.0)),
                    None => "Refreshes every 30 seconds.".to_owned(),
                }}
            </p>
            <button type="button" class="button button-secondary" id="refresh-now" on:click=move |_| page.refetch()>
                "Refresh now"
            </button>
        </div>
        <StopOutcome outcome=state.outcome />
        <StopConfirm state apps on_stopped />
        <Toolbar state shown may_stop />
        {body}
    }
}

fn running_view(
    state: View,
    loaded: RunningApps,
    shown: Memo<Vec<RunningApp>>,
    may_stop: bool,
) -> AnyView {
    let note = if loaded.priced {
        "Hours are instance-hours since each app was created; costs are those hours at the prices file's hourly rates. Both are an estimate from start times, not a bill."
    } else {
        "Hours are instance-hours since each app was created: an estimate from start times, not a bill. Costs are not shown: the server was started without a prices file (--prices)."
    };
    if loaded.apps.is_empty() {
        return empty_state(
            "Nothing runs in this domain now.",
            "No app holds an instance: every app is stopped (Deleted) or Failed.",
        );
    }
    let priced = loaded.priced;
    view! {
        <p class="field-hint" id="estimate-note">{note}</p>
        <AppsTable state shown priced may_stop />
        <Totals page=loaded />
    }
    .into_any()
}

/// `14:32:05` in the browser's time zone.
fn clock_time(epoch_ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch_ms as f64));
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}
