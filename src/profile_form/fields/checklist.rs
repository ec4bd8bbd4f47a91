//! A list of enum values chosen from all the model lists (apps and tools to hide): one
//! checkbox per value, in a fieldset with a legend.

use leptos::prelude::*;
use serde_json::Value;

use super::frame::Field;
use crate::profile_form::model::FormMode;

/// Checkboxes bound to a list member of the form's request.
#[component]
pub fn EnumChecklist(
    /// The SageMaker path of the list it edits.
    #[prop(into)]
    path: String,
    /// The values the model lists (`AppType::VALUES`).
    values: &'static [&'static str],
    /// The legend.
    #[prop(into)]
    legend: String,
    /// Guidance under the legend.
    #[prop(optional, into)]
    hint: Option<String>,
) -> AnyView {
    let field = Field::at(path);
    let (form, path) = (field.form, field.path.clone());
    let locked = field.locked();
    let chosen = {
        let path = path.clone();
        Memo::new(move |_| {
            form.value_at(&path)
                .and_then(|v| {
                    v.as_array().map(|items| {
                        items
                            .iter()
                            .filter_map(|i| i.as_str().map(str::to_owned))
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    };
    let base_id = field.ids.input.clone();
    let boxes = values
        .iter()
        .enumerate()
        .map(move |(i, wire)| {
            let id = format!("{base_id}-{i}");
            let wire = *wire;
            let path = path.clone();
            view! {
                <div class="checkbox">
                    <input
                        id=id.clone()
                        type="checkbox"
                        disabled=locked
                        value=wire
                        prop:checked=move || chosen.with(|c| c.iter().any(|v| v == wire))
                        on:change=move |ev| {
                            let mut list = chosen.get_untracked();
                            list.retain(|v| v != wire);
                            if event_target_checked(&ev) {
                                list.push(wire.to_owned());
                            }
                            // On create an empty list says nothing; on edit it clears.
                            let absent = list.is_empty() && form.mode == FormMode::Create;
                            let value = (!absent)
                                .then(|| Value::Array(list.into_iter().map(Value::String).collect()));
                            form.set(&path, value);
                        }
                    />
                    <label for=id>{wire}</label>
                </div>
            }
        })
        .collect_view();
    let boxes = view! { <div class="checkboxes">{boxes}</div> };
    field.fieldset("field fieldset", legend, hint, boxes.into_any())
}
