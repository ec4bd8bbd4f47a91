//! A whole-number member (UID, sizes, minutes). Text that is not a number cannot be held
//! by the request: it is left out of it and reported as an error of the input, so the
//! preview never shows a value the person did not type and the form cannot be sent.

use leptos::prelude::*;
use serde_json::Value;

use super::frame::{
    FieldIds, FieldMessages, described_by, has_errors, hint_view, lock_note, lock_of, problems_at,
};
use crate::profile_form::model::use_form;

/// One number input bound to a member of the form's request.
#[component]
pub fn NumberInput(
    /// The SageMaker path of the member it edits.
    #[prop(into)]
    path: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label (the allowed range).
    #[prop(optional, into)]
    hint: Option<String>,
    /// A unit shown after the input (`GB`, `minutes`).
    #[prop(optional)]
    unit: Option<&'static str>,
) -> AnyView {
    let form = use_form();
    let ids = FieldIds::for_path(&path);
    let problems = problems_at(form, path.clone());
    let lock = lock_of(form, path.clone());
    // What was typed, so that `007` or `12a` stay as typed while the request holds 7 or
    // nothing.
    let typed = RwSignal::new(None::<String>);
    let held = {
        let path = path.clone();
        Memo::new(move |_| form.value_at(&path).and_then(|v| v.as_i64()))
    };
    let shown = {
        let path = path.clone();
        move || {
            let held = held.get();
            let refused = form.input_errors.with(|e| e.contains_key(&path));
            match typed.get() {
                Some(text) if refused || text.trim().parse::<i64>().ok() == held => text,
                _ => held.map(|v| v.to_string()).unwrap_or_default(),
            }
        }
    };
    let placeholder = {
        let path = path.clone();
        move || {
            form.domain_default(&path)
                .map(|v| format!("Inherits {v} from the domain"))
        }
    };
    let described = described_by(&ids, hint.is_some(), problems);
    view! {
        <div class="field field-number" class:field-invalid=move || has_errors(problems)>
            <label class="field-label" for=ids.input.clone()>
                {label}
            </label>
            {hint_view(ids.hint.clone(), hint)}
            {lock_note(lock)}
            <FieldMessages id=ids.messages.clone() problems />
            <div class="field-with-unit">
                <input
                    readonly=move || lock.with(Option::is_some)
                    id=ids.input.clone()
                    name=ids.input
                    data-path=path.clone()
                    type="text"
                    inputmode="numeric"
                    class="field-input"
                    autocomplete="off"
                    placeholder=placeholder
                    aria-invalid=move || if has_errors(problems) { "true" } else { "false" }
                    aria-describedby=described
                    prop:value=shown
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        typed.set(Some(text.clone()));
                        let trimmed = text.trim();
                        let refusal = if trimmed.is_empty() {
                            form.set(&path, None);
                            None
                        } else if let Ok(number) = trimmed.parse::<i64>() {
                            (!form.set(&path, Some(Value::from(number))))
                                .then(|| format!("{trimmed} is too large for this setting."))
                        } else {
                            Some(format!("Enter a whole number, like 1001 (not '{trimmed}')."))
                        };
                        if refusal.is_some() {
                            form.set(&path, None);
                        }
                        form.set_input_error(&path, refusal);
                    }
                />
                {unit.map(|u| view! { <span class="field-unit">{u}</span> })}
            </div>
        </div>
    }
    .into_any()
}
