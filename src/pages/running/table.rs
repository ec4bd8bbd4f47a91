//! The table of apps (sortable columns, a checkbox per row for who may stop apps) and
//! the toolbar above it (the filter, the sum of the rows shown, the stop button).

use leptos::prelude::*;
use studio_admin_model::WireEnum;

use super::View;
use super::rows::{SortKey, instance, key, owner, sum_hours};
use crate::api::types::RunningApp;
use crate::components::{filter_field, idle_words, minutes_words, status_badge};
use crate::format::{date_time_ms, iso_time_ms};

/// The filter, the sum of the rows shown, and the stop button (outside the table, so
/// that a refresh does not take the focus from the filter).
#[component]
pub fn Toolbar(
    /// What the parts of the page share.
    state: View,
    /// The rows shown (filtered and sorted).
    shown: Memo<Vec<RunningApp>>,
    /// Whether the person may stop apps in this domain.
    may_stop: Signal<bool>,
) -> impl IntoView {
    let View {
        filter,
        selected,
        confirming,
        ..
    } = state;
    let count = move || selected.with(|s| s.len());
    let shown_sum = move || {
        shown.with(|rows| {
            let apps = if rows.len() == 1 { "app" } else { "apps" };
            format!("{} {apps} shown, {:.2} h", rows.len(), sum_hours(rows))
        })
    };
    view! {
        <div class="toolbar">
            {filter_field(
                "running-filter",
                "Filter",
                "search",
                Some("person, space, type, instance…"),
                filter,
            )}
            <p class="toolbar-status" id="shown-sum">{shown_sum}</p>
            <Show when=move || may_stop.get()>
                <button
                    type="button"
                    class="button button-danger"
                    id="stop-selected"
                    disabled=move || count() == 0
                    on:click=move |_| confirming.set(true)
                >
                    {move || format!("Stop selected ({})", count())}
                </button>
            </Show>
        </div>
    }
}

/// The table of apps, sortable, with a checkbox per row for who may stop apps.
#[component]
pub fn AppsTable(
    /// What the parts of the page share.
    state: View,
    /// The rows shown (filtered and sorted).
    shown: Memo<Vec<RunningApp>>,
    /// Whether costs are known.
    priced: bool,
    /// Whether the person may stop apps in this domain.
    may_stop: bool,
) -> impl IntoView {
    let View { sort, selected, .. } = state;
    let sort_button = move |key: SortKey, label: &'static str| {
        let aria_sort = move || match sort.get() {
            s if s.key != key => "none",
            s if s.descending => "descending",
            _ => "ascending",
        };
        let indicator = move || match sort.get() {
            s if s.key != key => "",
            s if s.descending => " ▼",
            _ => " ▲",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" class="sort-button" on:click=move |_| sort.update(|s| *s = s.toggled(key))>
                    {label}
                    <span aria-hidden="true">{indicator}</span>
                </button>
            </th>
        }
    };
    let all_shown_selected = move || {
        shown.with(|rows| {
            !rows.is_empty() && selected.with(|s| rows.iter().all(|r| s.contains(&key(r))))
        })
    };
    let toggle_all = move |_| {
        let keys: Vec<String> = shown.with(|rows| rows.iter().map(key).collect());
        if all_shown_selected() {
            selected.update(|s| {
                for k in &keys {
                    s.remove(k);
                }
            });
        } else {
            selected.update(|s| s.extend(keys));
        }
    };
    let rows = move || {
        shown
            .get()
            .into_iter()
            .map(|app| app_row(app, state, priced, may_stop))
            .collect_view()
    };
    view! {
        <div class="panel table-panel">
            <table class="table" id="running-table">
                <thead>
                    <tr>
                        {may_stop.then(|| view! {
                            <th scope="col">
                                <input
                                    type="checkbox"
                                    id="select-all"
                                    aria-label="Select every app shown"
                                    prop:checked=all_shown_selected
                                    on:change=toggle_all
                                />
                            </th>
                        })}
                        {sort_button(SortKey::Person, "Person")}
                        {sort_button(SortKey::Owner, "Profile or space")}
                        {sort_button(SortKey::App, "App")}
                        {sort_button(SortKey::Instance, "Instance type")}
                        {sort_button(SortKey::Status, "Status")}
                        {sort_button(SortKey::Since, "Running since")}
                        {sort_button(SortKey::Activity, "Last activity")}
                        {sort_button(SortKey::Hours, "Hours")}
                        <th scope="col">"Idle shutdown"</th>
                        {priced.then(|| sort_button(SortKey::Cost, "Est. cost"))}
                        {may_stop.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// One app's row.
fn app_row(app: RunningApp, state: View, priced: bool, may_stop: bool) -> impl IntoView {
    let View {
        selected,
        confirming,
        ..
    } = state;
    let row_key = key(&app);
    let label = format!("{} {} of {}", app.app_type, app.app_name, owner(&app));
    let check = {
        let row_key = row_key.clone();
        let checked = {
            let row_key = row_key.clone();
            move || selected.with(|s| s.contains(&row_key))
        };
        let label = format!("Select {label}");
        may_stop.then(move || {
            let toggle = move |_| {
                let row_key = row_key.clone();
                selected.update(move |s| {
                    if !s.remove(&row_key) {
                        s.insert(row_key);
                    }
                });
            };
            view! {
                <td><input type="checkbox" aria-label=label prop:checked=checked on:change=toggle /></td>
            }
        })
    };
    let stop_one = {
        let row_key = row_key.clone();
        may_stop.then(move || {
            let stop = move |_| {
                selected.set(std::iter::once(row_key.clone()).collect());
                confirming.set(true);
            };
            view! {
                <td>
                    <button type="button" class="button button-link" aria-label=format!("Stop {label}") on:click=stop>
                        "Stop"
                    </button>
                </td>
            }
        })
    };
    let instance_type = instance(&app);
    let owner_text = owner(&app);
    let idle = app.idle.map(|i| {
        let words = idle_words(Some(i));
        let flag = app.past_idle_timeout.then(|| {
            view! { " " <span class="badge badge-warning">"Idle past its timeout"</span> }
        });
        view! { {words} {flag} }
    });
    let activity = app.last_activity.map_or_else(
        || view! { <span class="muted">"not reported"</span> }.into_any(),
        |at| view! { <time datetime=iso_time_ms(at)>{date_time_ms(at)}</time> }.into_any(),
    );
    let running_for = minutes_words((app.hours * 60.0).round() as i64);
    let cost = priced.then(|| {
        let text = app.cost.as_ref().map_or_else(
            || "no price".to_owned(),
            |c| format!("{:.2} {}", c.amount, c.currency),
        );
        view! { <td class="mono" data-cost="">{text}</td> }
    });
    view! {
        <tr data-app=row_key data-idle-past=app.past_idle_timeout.then_some("")>
            {check}
            <td data-person="">{app.person.unwrap_or_default()}</td>
            <td>{owner_text}</td>
            <th scope="row">{app.app_type.to_string()} " " <span class="muted">{app.app_name}</span></th>
            <td class="mono" data-instance="">{if instance_type.is_empty() { "—".to_owned() } else { instance_type }}</td>
            <td>{status_badge(app.status.as_str())}</td>
            <td>
                <time datetime=iso_time_ms(app.running_since)>{date_time_ms(app.running_since)}</time>
                <span class="muted">{format!(" (for {running_for})")}</span>
            </td>
            <td>{activity}</td>
            <td class="mono" data-hours="">{format!("{:.2}", app.hours)}</td>
            <td>{idle.map_or_else(|| view! { <span class="muted">"—"</span> }.into_any(), IntoAny::into_any)}</td>
            {cost}
            {stop_one}
        </tr>
    }
}
