//! A profile's settings as a person reads them: nested members as labelled groups with
//! their names in words, lists as lists, nothing as raw JSON. Built from the settings'
//! JSON, so members AWS adds later show up too.

use leptos::prelude::*;
use serde_json::Value;

use crate::format::humanize;

/// A structure's members as a description list.
#[component]
pub fn SettingsView(
    /// The settings (a JSON object).
    value: Value,
) -> impl IntoView {
    match value {
        Value::Object(members) if !members.is_empty() => members_view(&members).into_any(),
        _ => view! { <p class="muted">"None: the domain's defaults apply."</p> }.into_any(),
    }
}

fn members_view(members: &serde_json::Map<String, Value>) -> impl IntoView + use<> {
    let rows = members
        .iter()
        .map(|(name, value)| {
            let label = humanize(name);
            let body = value_view(value);
            view! {
                <div class="settings-row">
                    <dt>{label}</dt>
                    <dd>{body}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="settings">{rows}</dl> }
}

fn value_view(value: &Value) -> AnyView {
    match value {
        Value::Object(members) if members.is_empty() => {
            view! { <span class="muted">"(empty)"</span> }.into_any()
        }
        Value::Object(members) => members_view(members).into_any(),
        Value::Array(items) if items.is_empty() => {
            view! { <span class="muted">"None"</span> }.into_any()
        }
        Value::Array(items) => {
            let items = items
                .iter()
                .map(|item| view! { <li>{value_view(item)}</li> })
                .collect_view();
            view! { <ul class="settings-list">{items}</ul> }.into_any()
        }
        Value::String(text) => {
            view! { <span class="settings-value">{text.clone()}</span> }.into_any()
        }
        other => view! { <span class="settings-value">{other.to_string()}</span> }.into_any(),
    }
}
