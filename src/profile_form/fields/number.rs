//! A whole-number member (UID, sizes, minutes). Text that is not a number cannot be held
//! by the request: it is left out of it and reported as an error of the input, so the
//! preview never shows a value the person did not type and the form cannot be sent.

use leptos::prelude::*;
use serde_json::Value;

use super::frame::Field;

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
    let field = Field::at(path);
    let (form, path) = (field.form, field.path.clone());
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
    let described = field.described_by(hint.is_some());
    let control = view! {
        <div class="field-with-unit">
            <input
                readonly=field.locked()
                id=field.ids.input.clone()
                name=field.ids.input.clone()
                data-path=path.clone()
                type="text"
                inputmode="numeric"
                class="field-input"
                autocomplete="off"
                placeholder=placeholder
                aria-invalid=field.invalid()
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
    };
    field.framed(
        "field field-number",
        label.into_any(),
        hint,
        control.into_any(),
    )
}
