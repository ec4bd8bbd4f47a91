//! A list of enum values chosen from all the model lists (apps and tools to hide): one
//! checkbox per value, in a fieldset with a legend.

use std::sync::Arc;

use leptos::prelude::*;
use studio_admin_model::WireEnum;

use super::frame::{FieldIds, FieldMessages, hint_view, problems_at};
use crate::form::{FormMode, Lens, use_form};

/// Checkboxes bound to a list member of the form's request.
#[component]
pub fn EnumChecklist<E>(
    /// The list it edits.
    lens: Lens<Vec<E>>,
    /// The legend.
    #[prop(into)]
    legend: String,
    /// Guidance under the legend.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView
where
    E: WireEnum + Clone + PartialEq + Send + Sync + 'static,
    E: std::str::FromStr,
{
    let form = use_form();
    let chosen = {
        let lens = lens.clone();
        Memo::new(move |_| {
            form.request.with(|r| {
                lens.get(r)
                    .map(|list| {
                        list.iter()
                            .map(|v| v.as_str().to_owned())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let path = lens.path().to_owned();
    let toggle: Toggle = Arc::new(move |wire: &str, checked: bool| {
        let mut list = chosen.get_untracked();
        list.retain(|v| v != wire);
        if checked {
            list.push(wire.to_owned());
        }
        let values: Vec<E> = list.iter().filter_map(|v| E::from_str(v).ok()).collect();
        let empty_means_absent = form.mode == FormMode::Create;
        form.set(
            &lens,
            if values.is_empty() && empty_means_absent {
                None
            } else {
                Some(values)
            },
        );
    });
    checklist_view(path, legend, hint, E::VALUES, chosen, &toggle)
}

/// Checks (`true`) or unchecks one value, by its wire spelling.
type Toggle = Arc<dyn Fn(&str, bool) + Send + Sync>;

/// The checkboxes, with the enum's type left behind (compiled once for all lists).
fn checklist_view(
    path: String,
    legend: String,
    hint: Option<String>,
    values: &'static [&'static str],
    chosen: Memo<Vec<String>>,
    toggle: &Toggle,
) -> AnyView {
    let form = use_form();
    let ids = FieldIds::for_path(&path);
    let problems = problems_at(form, path);
    let boxes = values
        .iter()
        .enumerate()
        .map(|(i, wire)| {
            let id = format!("{}-{i}", ids.input);
            let toggle = toggle.clone();
            let wire = *wire;
            view! {
                <div class="checkbox">
                    <input
                        id=id.clone()
                        type="checkbox"
                        value=wire
                        prop:checked=move || chosen.with(|c| c.iter().any(|v| v == wire))
                        on:change=move |ev| toggle(wire, event_target_checked(&ev))
                    />
                    <label for=id>{wire}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset id=ids.input.clone() class="field fieldset">
            <legend class="field-label">{legend}</legend>
            {hint_view(ids.hint.clone(), hint)}
            <FieldMessages id=ids.messages.clone() problems />
            <div class="checkboxes">{boxes}</div>
        </fieldset>
    }
    .into_any()
}
