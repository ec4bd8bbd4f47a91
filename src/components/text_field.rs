//! A labelled text input with hint and inline messages, in the manner of the GOV.UK Design
//! System: label, hint, then the messages, then the input; the input points at the hint and
//! the messages with `aria-describedby` and says `aria-invalid="true"` while it has errors.

use leptos::prelude::*;
use studio_admin_model::{Problem, Severity};

/// One text field of a form.
#[component]
pub fn TextField(
    /// The input's id and name; the hint's and the messages' ids are derived from it
    /// (`<id>-hint`, `<id>-error`), so an error summary can link to `#<id>`.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label: what the value may look like.
    #[prop(optional, into)]
    hint: Option<String>,
    /// The text as typed; written on every keystroke.
    value: RwSignal<String>,
    /// Becomes `true` on the first keystroke, so the owner can keep quiet about an empty
    /// field the person has not touched yet.
    edited: RwSignal<bool>,
    /// The problems to show now, errors and warnings, in the model's order. The owner
    /// decides when a field has earned them (for example only once it was edited).
    #[prop(into)]
    problems: Signal<Vec<Problem>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let message_id = format!("{id}-error");
    let has_hint = hint.is_some();
    // Warnings are shown but do not make the value invalid: AWS would accept it.
    let has_errors =
        move || problems.with(|list| list.iter().any(|p| p.severity == Severity::Error));

    let described_by = {
        let hint_id = hint_id.clone();
        let message_id = message_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.as_str());
            }
            if problems.with(|list| !list.is_empty()) {
                ids.push(message_id.as_str());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };

    let messages = move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div id=message_id.clone() class="field-messages">
                    {list.into_iter().map(problem_message).collect_view()}
                </div>
            }
        })
    };

    view! {
        <div class="field" class:field-invalid=has_errors>
            <label class="field-label" for=id.clone()>
                {label}
            </label>
            {hint.map(|hint| view! { <div id=hint_id class="field-hint">{hint}</div> })}
            {messages}
            <input
                id=id.clone()
                name=id
                type="text"
                class="field-input"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                aria-invalid=move || if has_errors() { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    edited.set(true);
                }
            />
        </div>
    }
}

/// One message line; the severity is spelled out for screen readers, shown by colour and
/// icon to everyone else.
fn problem_message(problem: Problem) -> impl IntoView {
    let (class, prefix) = match problem.severity {
        Severity::Error => ("field-message field-message-error", "Error: "),
        Severity::Warning => ("field-message field-message-warning", "Warning: "),
    };
    view! {
        <p class=class>
            <span class="visually-hidden">{prefix}</span>
            {problem.message}
        </p>
    }
}
