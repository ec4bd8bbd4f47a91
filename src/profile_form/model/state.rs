//! The state of the add/edit-user form. The request being built IS a
//! `CreateUserProfileRequest` (the edit form derives the `UpdateUserProfileRequest` from
//! it); every input names the member it edits by its SageMaker path and writes through
//! [`FormState::set`], and the model crate validates the request on every change with
//! the target domain's context.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use serde_json::Value;
use studio_admin_model::{
    CreateUserProfileRequest, Problem, ProblemKind, Report, Severity, UpdateUserProfileRequest,
    validate,
};

use super::json::to_json_value;
use super::json_path;
use super::paths::{is_within, section};
use crate::api::types::{DefaultSettings, Domain};

/// The request the form builds.
pub type Request = CreateUserProfileRequest;

/// Whether the form creates a profile or changes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormMode {
    /// CreateUserProfile: every member can be given.
    Create,
    /// UpdateUserProfile: the name is fixed; tags and the sign-in user cannot change.
    Edit,
}

/// What narrows a form beyond its mode: values a lead fixed, a name that is the
/// person's own, a partial request (a domain's policy).
#[derive(Debug, Clone, Copy, Default)]
pub struct FormOptions {
    /// Values fixed by the domain's policy (a partial request as JSON); inputs within
    /// them cannot be changed.
    pub fixed: Option<Signal<Value>>,
    /// The profile name is the person's own (onboarding requests) and cannot change.
    pub name_locked: bool,
    /// The request is partial (a domain's policy): nothing is required, the name is not
    /// asked for.
    pub partial: bool,
}

/// Why an input cannot be changed.
pub const FIXED_BY_LEAD: &str = "Fixed by your team lead";
/// Why the name of a requested profile cannot be changed.
pub const OWN_NAME: &str = "Your own profile name: a request is for yourself";

/// Everything the form's inputs share (cheap to copy: signals only).
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    /// Create or edit.
    pub mode: FormMode,
    /// The request as built so far.
    pub request: RwSignal<Request>,
    /// The target domain (`None` while it loads: validation then skips the domain's rules).
    pub domain: Signal<Option<Domain>>,
    /// What the model says about the request now, with the domain's context.
    pub report: Memo<Report>,
    /// Paths the person has edited: problems of untouched fields wait for a submit.
    pub touched: RwSignal<BTreeSet<String>>,
    /// Whether the person tried to submit (from then on every problem shows).
    pub submitted: RwSignal<bool>,
    /// Values the request cannot hold (`12a` in a number field), by path.
    pub input_errors: RwSignal<BTreeMap<String, String>>,
    /// Problems the server reported for the last submit (HTTP 422), by path; each goes
    /// away when its field is edited.
    pub server_problems: RwSignal<Vec<Problem>>,
    /// Every problem: the model's, the inputs', the server's.
    pub problems: Memo<Vec<Problem>>,
    /// The problems to show now (see [`FormState::is_shown`]).
    pub shown: Memo<Vec<Problem>>,
    /// The request as JSON: what the inputs read, and what sections count.
    pub json: Memo<Value>,
    /// The domain's default user settings as JSON, for "inherits ... from the domain".
    defaults: Memo<Option<Value>>,
    /// The paths of the fixed values (a value or a whole list each).
    fixed_leaves: Memo<Vec<String>>,
    /// The profile name is the person's own and cannot change.
    pub name_locked: bool,
    /// A partial request (a domain's policy).
    pub partial: bool,
}

impl FormState {
    /// A form starting from `initial` for the domain `domain`.
    pub fn new(mode: FormMode, initial: Request, domain: Signal<Option<Domain>>) -> Self {
        Self::with_options(mode, initial, domain, FormOptions::default())
    }

    /// A form starting from `initial` for the domain `domain`, narrowed by `options`.
    pub fn with_options(
        mode: FormMode,
        initial: Request,
        domain: Signal<Option<Domain>>,
        options: FormOptions,
    ) -> Self {
        let partial = options.partial;
        let request = RwSignal::new(initial);
        let report = Memo::new(move |_| {
            let context = domain.with(|d| d.as_ref().map(Domain::context));
            let mut report = request.with(|r| match mode {
                FormMode::Create => validate(r, context.as_ref()),
                FormMode::Edit => validate(&update_request(r), context.as_ref()),
            });
            // A policy fixes some values; what it leaves out, each request gives.
            if partial {
                report.problems.retain(|p| p.kind != ProblemKind::Required);
            }
            report
        });
        let fixed = options.fixed;
        let fixed_leaves = Memo::new(move |_| {
            let mut leaves = Vec::new();
            if let Some(fixed) = fixed {
                fixed.with(|value| leaf_paths(value, "", &mut leaves));
            }
            leaves
        });
        let touched = RwSignal::new(BTreeSet::new());
        let submitted = RwSignal::new(false);
        let input_errors = RwSignal::new(BTreeMap::<String, String>::new());
        let server_problems = RwSignal::new(Vec::<Problem>::new());
        let problems = Memo::new(move |_| {
            let mut all = report.with(|r| r.problems.clone());
            input_errors.with(|errors| {
                all.extend(errors.iter().map(|(path, message)| Problem {
                    path: path.clone(),
                    message: message.clone(),
                    severity: Severity::Error,
                    kind: ProblemKind::Rule,
                }));
            });
            server_problems.with(|server| {
                for problem in server {
                    let known = all
                        .iter()
                        .any(|p| p.path == problem.path && p.message == problem.message);
                    if !known {
                        all.push(problem.clone());
                    }
                }
            });
            all
        });
        let shown = Memo::new(move |_| {
            let is_submitted = submitted.get();
            let model_count = report.with(|r| r.problems.len());
            touched.with(|touched| {
                problems.with(|all| {
                    all.iter()
                        .enumerate()
                        .filter(|(i, p)| {
                            // Input and server problems always show: they answer something
                            // the person just did.
                            *i >= model_count || is_submitted || is_shown(p, touched)
                        })
                        .map(|(_, p)| p.clone())
                        .collect::<Vec<_>>()
                })
            })
        });
        let defaults = Memo::new(move |_| {
            domain.with(|d| {
                d.as_ref()
                    .and_then(|d| d.default_user_settings.as_ref())
                    .map(DefaultSettings::to_value)
            })
        });
        let json = Memo::new(move |_| request.with(to_json_value));
        Self {
            mode,
            json,
            request,
            domain,
            report,
            touched,
            submitted,
            input_errors,
            server_problems,
            problems,
            shown,
            defaults,
            fixed_leaves,
            name_locked: options.name_locked,
            partial,
        }
    }

    /// Why the input at `path` cannot be changed, if it cannot (reactive): a value the
    /// domain's policy fixes (or a row of a fixed list), or the person's own name.
    pub fn lock_at(&self, path: &str) -> Option<&'static str> {
        if self.name_locked && path == "UserProfileName" {
            return Some(OWN_NAME);
        }
        self.fixed_leaves
            .with(|leaves| leaves.iter().any(|leaf| is_within(path, leaf)))
            .then_some(FIXED_BY_LEAD)
    }

    fn is_locked_untracked(&self, path: &str) -> bool {
        untrack(|| self.lock_at(path).is_some())
    }

    /// Makes this form the one its inputs find with [`use_form`].
    pub fn provide(self) {
        provide_context(self);
    }

    /// The value at `path` (reactive).
    pub fn value_at(&self, path: &str) -> Option<Value> {
        self.json.with(|json| json_path::get(json, path).cloned())
    }

    /// The value at `path` as the text of an input: text as it is, numbers written out,
    /// nothing else (reactive).
    pub fn text_at(&self, path: &str) -> String {
        self.json.with(|json| match json_path::get(json, path) {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            _ => String::new(),
        })
    }

    /// How many items the list at `path` has (reactive).
    pub fn len_at(&self, path: &str) -> usize {
        self.json.with(|json| {
            json_path::get(json, path)
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        })
    }

    /// Writes `value` at `path` (`None` removes it, and the structures it leaves empty)
    /// and marks the path edited. Answers `false` when the request cannot hold the value
    /// (a number too large for its member); the request is then unchanged.
    pub fn set(&self, path: &str, value: Option<Value>) -> bool {
        self.edit_at(path, |json| {
            json_path::set(json, path, value);
        })
    }

    /// Adds `item` to the list at `path`.
    pub fn push(&self, path: &str, item: Value) -> bool {
        self.edit_at(path, |json| {
            json_path::push(json, path, item);
        })
    }

    /// Removes item `index` of the list at `path`. On create an emptied list goes away;
    /// on edit it stays, empty, because UpdateUserProfile reads `[]` as "remove them all".
    pub fn remove_item(&self, path: &str, index: usize) -> bool {
        if self.is_locked_untracked(path) {
            return true;
        }
        let drop_empty = self.mode == FormMode::Create;
        // What was said about the rows by index no longer fits the rows after it.
        self.forget_within(path);
        self.edit_at(path, |json| {
            json_path::remove_item(json, path, index, drop_empty);
        })
    }

    /// Applies `edit` for a change of the member at `path`, unless a policy or the
    /// person's own name locks it (then nothing changes): the path is marked edited, the
    /// result taken as the request if it can hold it (see [`FormState::set`]).
    fn edit_at(&self, path: &str, edit: impl FnOnce(&mut Value)) -> bool {
        if self.is_locked_untracked(path) {
            return true;
        }
        self.touch(path);
        self.change(edit)
    }

    /// Applies `edit` to the request's JSON and takes the result as the request, if the
    /// request can hold it.
    fn change(&self, edit: impl FnOnce(&mut Value)) -> bool {
        let mut json = self.json.get_untracked();
        edit(&mut json);
        match serde_json::from_str::<Request>(&json.to_string()) {
            Ok(request) => {
                if self.request.with_untracked(|r| *r != request) {
                    self.request.set(request);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// Marks `path` as edited: its problems show, and the server's word about it is
    /// forgotten (the value changed since).
    pub fn touch(&self, path: &str) {
        let known = self.touched.with_untracked(|t| t.contains(path));
        if !known {
            self.touched.update(|t| {
                t.insert(path.to_owned());
            });
        }
        let stale = self
            .server_problems
            .with_untracked(|s| s.iter().any(|p| is_within(&p.path, path)));
        if stale {
            self.server_problems
                .update(|s| s.retain(|p| !is_within(&p.path, path)));
        }
    }

    /// Records (or, with `None`, clears) what is wrong with the text of the input at
    /// `path` that the request cannot hold.
    pub fn set_input_error(&self, path: &str, message: Option<String>) {
        let current = self.input_errors.with_untracked(|e| e.get(path).cloned());
        if current != message {
            self.input_errors.update(|errors| match message {
                Some(message) => {
                    errors.insert(path.to_owned(), message);
                }
                None => {
                    errors.remove(path);
                }
            });
        }
    }

    /// Forgets edit marks, input errors and server problems at `path` and below (rows
    /// removed from a list renumber the rest).
    pub fn forget_within(&self, path: &str) {
        self.touched.update(|t| t.retain(|p| !is_within(p, path)));
        self.input_errors
            .update(|e| e.retain(|p, _| !is_within(p, path)));
        self.server_problems
            .update(|s| s.retain(|p| !is_within(&p.path, path)));
    }

    /// The problems shown at exactly `path` (reactive).
    pub fn shown_at(&self, path: &str) -> Vec<Problem> {
        self.shown
            .with(|all| all.iter().filter(|p| p.path == path).cloned().collect())
    }

    /// Whether any error (shown or not) blocks the submit (reactive).
    pub fn has_errors(&self) -> bool {
        self.problems
            .with(|all| all.iter().any(|p| p.severity == Severity::Error))
    }

    /// The domain's default for the member at `path`, in words, if it has one
    /// (`UserSettings.ExecutionRole` -> the domain's default execution role).
    pub fn domain_default(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix("UserSettings.")?;
        if rest.contains('[') {
            return None;
        }
        self.defaults.with(|defaults| {
            let mut value = defaults.as_ref()?;
            for member in rest.split('.') {
                value = value.get(member)?;
            }
            describe_default(value)
        })
    }

    /// How many values are given at `path` and below (reactive).
    pub fn values_within(&self, path: &str) -> usize {
        self.json.with(|json| {
            let mut value = json;
            for member in path.split('.') {
                match value.get(member) {
                    Some(inner) => value = inner,
                    None => return 0,
                }
            }
            count_values(value)
        })
    }

    /// The body that submitting sends, as JSON: the request itself, or on edit its
    /// UpdateUserProfile form (reactive).
    pub fn body(&self) -> Value {
        match self.mode {
            FormMode::Create => self.json.get(),
            FormMode::Edit => self.request.with(|r| to_json_value(&update_request(r))),
        }
    }
}

/// The UpdateUserProfile request for a form's request: the same domain, name and
/// settings (tags and the sign-in user cannot change on update).
pub fn update_request(request: &Request) -> UpdateUserProfileRequest {
    UpdateUserProfileRequest {
        domain_id: request.domain_id.clone(),
        user_profile_name: request.user_profile_name.clone(),
        user_settings: request.user_settings.clone(),
    }
}

/// Whether a problem of the model shows before the first submit: a missing value only
/// once its own field was edited (an empty form should not greet people with "required");
/// any other problem as soon as anything in its section was edited, because it is about
/// what was typed there.
fn is_shown(problem: &Problem, touched: &BTreeSet<String>) -> bool {
    let scope = if problem.kind == ProblemKind::Required {
        problem.path.as_str()
    } else {
        section(&problem.path)
    };
    touched.iter().any(|path| is_within(path, scope))
}

/// The paths of `value`'s leaves below `prefix`: each value that is not a structure
/// (a whole list is one leaf), as the form names paths (`UserSettings.ExecutionRole`).
pub fn leaf_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                leaf_paths(member, &path, out);
            }
        }
        Value::Null => {}
        _ if !prefix.is_empty() => out.push(prefix.to_owned()),
        _ => {}
    }
}

/// How many scalar values (and list items) `value` holds.
fn count_values(value: &Value) -> usize {
    match value {
        Value::Null => 0,
        Value::Object(members) => members.values().map(count_values).sum(),
        Value::Array(items) => items.iter().map(|i| count_values(i).max(1)).sum(),
        _ => 1,
    }
}

/// A default value in words: text as is, lists joined, structures not at all.
fn describe_default(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) if !items.is_empty() => {
            let words: Option<Vec<String>> = items.iter().map(describe_default).collect();
            words.map(|w| w.join(", "))
        }
        _ => None,
    }
}

/// The form the current input belongs to.
///
/// # Panics
/// When called outside a form (a programming error: inputs live in forms).
pub fn use_form() -> FormState {
    use_context::<FormState>().expect("form inputs are used inside a form that provides FormState")
}
