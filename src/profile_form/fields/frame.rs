//! What every input of the form has around it, in the manner of the GOV.UK Design
//! System: label, hint, then the messages, then the control; the control points at the
//! hint and the messages with `aria-describedby` and says `aria-invalid="true"` while it
//! has errors. Warnings are shown apart from errors: AWS would accept the value.

use leptos::prelude::*;
use studio_admin_model::{Problem, Severity};

use crate::profile_form::model::paths::field_id;
use crate::profile_form::model::state::FormState;
use crate::profile_form::model::use_form;

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

/// One input of the form: the member it edits, its ids, the problems shown at its path
/// and why it cannot be changed. Every kind of input starts from one, so that label,
/// hint, lock note and messages are wired once, the same way for all.
#[derive(Debug, Clone)]
pub struct Field {
    /// The form the input belongs to.
    pub form: FormState,
    /// The SageMaker path of the member it edits.
    pub path: String,
    /// The ids derived from the path.
    pub ids: FieldIds,
    /// The problems shown at exactly the path.
    pub problems: Memo<Vec<Problem>>,
    /// Why the member cannot be changed, while it cannot.
    pub lock: Memo<Option<&'static str>>,
}

impl Field {
    /// The input at `path` of the form in context.
    pub fn at(path: String) -> Self {
        let form = use_form();
        Self {
            form,
            ids: FieldIds::for_path(&path),
            problems: problems_at(form, path.clone()),
            lock: lock_of(form, path.clone()),
            path,
        }
    }

    /// Whether the member is locked (reactive; for `readonly` and `disabled`).
    pub fn locked(&self) -> impl Fn() -> bool + Copy + Send + Sync + 'static + use<> {
        let lock = self.lock;
        move || lock.with(Option::is_some)
    }

    /// The control's `aria-invalid` (reactive).
    pub fn invalid(&self) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static + use<> {
        let problems = self.problems;
        move || {
            if has_errors(problems) {
                "true"
            } else {
                "false"
            }
        }
    }

    /// The control's `aria-describedby` (see [`described_by`]).
    pub fn described_by(
        &self,
        has_hint: bool,
    ) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static + use<> {
        described_by(&self.ids, has_hint, self.problems)
    }

    /// What stands between the label and the control: the hint, the lock note, the
    /// messages.
    pub fn notes(&self, hint: Option<String>) -> AnyView {
        view! {
            {hint_view(self.ids.hint.clone(), hint)}
            {lock_note(self.lock)}
            <FieldMessages id=self.ids.messages.clone() problems=self.problems />
        }
        .into_any()
    }

    /// A labelled input: `<div class=class>` (marked invalid while it has errors) with the
    /// label, the [notes](Field::notes), then `control`.
    pub fn framed(
        &self,
        class: &'static str,
        label: AnyView,
        hint: Option<String>,
        control: AnyView,
    ) -> AnyView {
        let problems = self.problems;
        view! {
            <div class=class class:field-invalid=move || has_errors(problems)>
                <label class="field-label" for=self.ids.input.clone()>
                    {label}
                </label>
                {self.notes(hint)}
                {control}
            </div>
        }
        .into_any()
    }

    /// A group of controls: a fieldset (`class`) named by its legend, with the
    /// [notes](Field::notes), then `body`.
    pub fn fieldset(
        &self,
        class: &'static str,
        legend: String,
        hint: Option<String>,
        body: AnyView,
    ) -> AnyView {
        view! {
            <fieldset id=self.ids.input.clone() class=class>
                <legend class="field-label">{legend}</legend>
                {self.notes(hint)}
                {body}
            </fieldset>
        }
        .into_any()
    }
}
