//! A whole-number member (UID, sizes, minutes). Text that is not a number cannot be held
//! by the request: it is left out of it and reported as an error of the input, so the
//! preview never shows a value the person did not type and the form cannot be sent.

use std::fmt::Display;
use std::str::FromStr;

use leptos::prelude::*;

use super::frame::{FieldIds, FieldMessages, described_by, has_errors, hint_view, problems_at};
use crate::form::{Lens, use_form};

/// One number input bound to a member of the form's request.
#[component]
pub fn NumberInput<N>(
    /// The member it edits.
    lens: Lens<N>,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label (the allowed range).
    #[prop(optional, into)]
    hint: Option<String>,
    /// A unit shown after the input (`GB`, `minutes`).
    #[prop(optional)]
    unit: Option<&'static str>,
) -> impl IntoView
where
    N: FromStr + Display + Clone + PartialEq + Send + Sync + 'static,
{
    let form = use_form();
    let path = lens.path().to_owned();
    let ids = FieldIds::for_path(&path);
    let problems = problems_at(form, path.clone());
    // What was typed, so that `007` or `12a` stay as typed while the request holds 7 or
    // nothing.
    let typed = RwSignal::new(None::<String>);
    let value = {
        let lens = lens.clone();
        Memo::new(move |_| form.request.with(|r| lens.get(r).cloned()))
    };
    let shown = {
        let path = path.clone();
        move || {
            let held = value.get();
            let refused = form.input_errors.with(|e| e.contains_key(&path));
            match typed.get() {
                Some(text) if refused || text.trim().parse::<N>().ok() == held => text,
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
            <FieldMessages id=ids.messages.clone() problems />
            <div class="field-with-unit">
                <input
                    id=ids.input.clone()
                    name=ids.input
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
                        if trimmed.is_empty() {
                            form.set_input_error(&path, None);
                            form.set(&lens, None);
                        } else if let Ok(number) = trimmed.parse::<N>() {
                            form.set_input_error(&path, None);
                            form.set(&lens, Some(number));
                        } else {
                            form.set_input_error(
                                &path,
                                Some(format!("Enter a whole number, like 1001 (not '{trimmed}').")),
                            );
                            form.set(&lens, None);
                        }
                    }
                />
                {unit.map(|u| view! { <span class="field-unit">{u}</span> })}
            </div>
        </div>
    }
}
