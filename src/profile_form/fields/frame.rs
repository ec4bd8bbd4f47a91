//! What every input of the form has around it, in the manner of the GOV.UK Design
//! System: label, hint, then the messages, then the control; the control points at the
//! hint and the messages with `aria-describedby` and says `aria-invalid="true"` while it
//! has errors. Warnings are shown apart from errors: AWS would accept the value.

use leptos::prelude::*;
use studio_admin_model::{Problem, Severity};

use crate::profile_form::model::paths::field_id;
use crate::profile_form::model::state::FormState;

/// The ids around one input, all derived from its SageMaker path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIds {
    /// The control's id (the error summary links to `#<input>`).
    pub input: String,
    /// The hint's id.
    pub hint: String,
    /// The messages' id.
    pub messages: String,
}

impl FieldIds {
    /// The ids for the input at `path`.
    pub fn for_path(path: &str) -> Self {
        let input = field_id(path);
        Self {
            hint: format!("{input}-hint"),
            messages: format!("{input}-messages"),
            input,
        }
    }
}

/// The problems shown at exactly `path`, as a memo (inputs re-render only when their own
/// messages change).
pub fn problems_at(form: FormState, path: String) -> Memo<Vec<Problem>> {
    Memo::new(move |_| form.shown_at(&path))
}

/// Whether any of `problems` is an error.
pub fn has_errors(problems: Memo<Vec<Problem>>) -> bool {
    problems.with(|list| list.iter().any(|p| p.severity == Severity::Error))
}

/// The `aria-describedby` of a control: its hint, then its messages while there are any.
pub fn described_by(
    ids: &FieldIds,
    has_hint: bool,
    problems: Memo<Vec<Problem>>,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static + use<> {
    let hint = ids.hint.clone();
    let messages = ids.messages.clone();
    move || {
        let mut parts = Vec::new();
        if has_hint {
            parts.push(hint.clone());
        }
        if problems.with(|p| !p.is_empty()) {
            parts.push(messages.clone());
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// The messages of one input (nothing at all while there are none).
#[component]
pub fn FieldMessages(
    /// The element's id, which the control's `aria-describedby` names.
    #[prop(into)]
    id: String,
    /// The problems to show.
    problems: Memo<Vec<Problem>>,
) -> impl IntoView {
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div id=id.clone() class="field-messages">
                    {list.into_iter().map(problem_message).collect_view()}
                </div>
            }
        })
    }
}

/// One message line; the severity is spelled out for screen readers, shown by colour and
/// icon to everyone else.
pub fn problem_message(problem: Problem) -> impl IntoView {
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

/// The hint under a label, when there is one.
pub fn hint_view(id: String, hint: Option<String>) -> impl IntoView {
    hint.map(|hint| view! { <div id=id class="field-hint">{hint}</div> })
}

/// Why the input at `path` cannot be changed (a value the domain's policy fixes, the
/// person's own name), as a memo.
pub fn lock_of(form: FormState, path: String) -> Memo<Option<&'static str>> {
    Memo::new(move |_| form.lock_at(&path))
}

/// The note under a locked input's label, saying why it cannot be changed (nothing while
/// it can).
pub fn lock_note(lock: Memo<Option<&'static str>>) -> impl IntoView {
    move || {
        lock.get()
            .map(|why| view! { <p class="field-fixed">{why}</p> })
    }
}
