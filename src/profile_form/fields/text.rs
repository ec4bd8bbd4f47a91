//! A text member of the request: what is typed is what is sent; an empty input means the
//! member is absent (and the domain's default applies, which the placeholder shows).

use leptos::prelude::*;
use serde_json::Value;

use super::frame::{
    FieldIds, FieldMessages, described_by, has_errors, hint_view, lock_note, lock_of, problems_at,
};
use crate::profile_form::model::use_form;

/// One text input bound to a member of the form's request.
#[component]
pub fn TextInput(
    /// The SageMaker path of the member it edits (`UserSettings.ExecutionRole`).
    #[prop(into)]
    path: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label.
    #[prop(optional, into)]
    hint: Option<String>,
    /// Shown while empty; by default what the domain's settings supply, if anything.
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    suggestions: Option<&'static str>,
    /// Shown but not editable (the name of a profile being edited).
    #[prop(optional)]
    readonly: bool,
    /// Wider than the usual field (ARNs, URLs).
    #[prop(optional)]
    wide: bool,
) -> AnyView {
    let form = use_form();
    let ids = FieldIds::for_path(&path);
    let problems = problems_at(form, path.clone());
    let lock = lock_of(form, path.clone());
    let value = {
        let path = path.clone();
        Memo::new(move |_| form.text_at(&path))
    };
    let placeholder = {
        let path = path.clone();
        move || {
            placeholder.clone().or_else(|| {
                form.domain_default(&path)
                    .map(|v| format!("Inherits {v} from the domain"))
            })
        }
    };
    // An emptied row stays a row (to fill in or remove); an emptied member is left out.
    let is_item = path.ends_with(']');
    let described = described_by(&ids, hint.is_some(), problems);
    view! {
        <div class="field" class:field-wide=wide class:field-invalid=move || has_errors(problems)>
            <label class="field-label" for=ids.input.clone()>
                {label}
            </label>
            {hint_view(ids.hint.clone(), hint)}
            {lock_note(lock)}
            <FieldMessages id=ids.messages.clone() problems />
            <input
                id=ids.input.clone()
                name=ids.input
                data-path=path.clone()
                type="text"
                class="field-input"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                list=suggestions
                readonly=move || readonly || lock.with(Option::is_some)
                placeholder=placeholder
                aria-invalid=move || if has_errors(problems) { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let keep = !text.is_empty() || is_item;
                    form.set(&path, keep.then_some(Value::String(text)));
                }
            />
        </div>
    }
    .into_any()
}
