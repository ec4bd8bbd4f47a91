//! A member whose values the service model lists (an enum): a select of exactly those
//! values (`WireEnum::VALUES`), plus "inherit" (member absent). A value this build does
//! not know (AWS added it after the model was vendored) stays selectable, so editing
//! never loses it.

use leptos::prelude::*;
use serde_json::Value;

use super::frame::Field;

/// One select bound to an enum member of the form's request.
#[component]
pub fn EnumSelect(
    /// The SageMaker path of the member it edits.
    #[prop(into)]
    path: String,
    /// The values the model lists for it (`FeatureStatus::VALUES`).
    values: &'static [&'static str],
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label.
    #[prop(optional, into)]
    hint: Option<String>,
    /// Words for the values, by wire value (`ENABLED` -> `Enabled`); the wire value
    /// otherwise.
    #[prop(optional)]
    words: Option<fn(&str) -> Option<&'static str>>,
    /// No "inherit" choice: the member is always given (a row's kind).
    #[prop(optional)]
    required: bool,
) -> AnyView {
    let field = Field::at(path);
    let (form, path) = (field.form, field.path.clone());
    let current = {
        let path = path.clone();
        Memo::new(move |_| form.text_at(&path))
    };
    let word = move |wire: &str| {
        words
            .and_then(|w| w(wire))
            .map_or_else(|| wire.to_owned(), str::to_owned)
    };
    let inherit = {
        let path = path.clone();
        move || match form.domain_default(&path) {
            Some(d) => format!("Inherit from the domain ({})", word(&d)),
            None => "Not set (AWS's default)".to_owned(),
        }
    };
    let unknown = move || {
        let value = current.get();
        (!value.is_empty() && !values.contains(&value.as_str())).then(|| {
            view! { <option value=value.clone()>{format!("{value} (not in this build's model)")}</option> }
        })
    };
    let described = field.described_by(hint.is_some());
    let control = view! {
        <select
            disabled=field.locked()
            id=field.ids.input.clone()
            name=field.ids.input.clone()
            data-path=path.clone()
            class="field-input field-select"
            aria-invalid=field.invalid()
            aria-describedby=described
            prop:value=move || current.get()
            on:change=move |ev| {
                let chosen = event_target_value(&ev);
                form.set(&path, (!chosen.is_empty()).then_some(Value::String(chosen)));
            }
        >
            {(!required).then(|| view! { <option value="">{inherit}</option> })}
            {values
                .iter()
                .map(|v| view! { <option value=*v>{word(v)}</option> })
                .collect_view()}
            {unknown}
        </select>
    };
    field.framed("field", label.into_any(), hint, control.into_any())
}

/// Words for the ENABLED/DISABLED style values the model uses.
pub fn switch_words(wire: &str) -> Option<&'static str> {
    match wire {
        "ENABLED" | "Enabled" => Some("Enabled"),
        "DISABLED" | "Disabled" => Some("Disabled"),
        "DefaultAsDomain" => Some("As the domain says"),
        "Allowed" => Some("Allowed"),
        _ => None,
    }
}
