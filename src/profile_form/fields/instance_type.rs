//! Instance types: a searchable picker over every value of the model's
//! `AppInstanceType` enum (the browser filters the suggestions as the person types; a
//! value not in the list is reported by validation).

use leptos::prelude::*;
use serde_json::Value;
use studio_admin_model::{AppInstanceType, WireEnum};

use super::frame::{
    FieldIds, FieldMessages, described_by, has_errors, hint_view, lock_note, lock_of, problems_at,
};
use crate::profile_form::model::use_form;

/// The id of the one list of instance types every picker suggests from.
pub const INSTANCE_TYPES_LIST: &str = "instance-types";

/// The suggestions: every instance type the model knows. Rendered once per form.
#[component]
pub fn InstanceTypeList() -> impl IntoView {
    view! {
        <datalist id=INSTANCE_TYPES_LIST>
            {AppInstanceType::VALUES
                .iter()
                .map(|v| view! { <option value=*v></option> })
                .collect_view()}
        </datalist>
    }
}

/// One instance-type picker bound to a member (or list item) of the form's request.
#[component]
pub fn InstanceTypeInput(
    /// The SageMaker path of the member it edits.
    #[prop(into)]
    path: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label.
    #[prop(optional, into)]
    hint: Option<String>,
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
            form.domain_default(&path)
                .map(|v| format!("Inherits {v} from the domain"))
                .or_else(|| Some("Type to search, e.g. ml.t3.medium".to_owned()))
        }
    };
    let hint = hint.filter(|h| !h.is_empty()).or_else(|| {
        Some(format!(
            "One of the {} instance types SageMaker lists; type to search.",
            AppInstanceType::VALUES.len()
        ))
    });
    let is_item = path.ends_with(']');
    let described = described_by(&ids, true, problems);
    view! {
        <div class="field" class:field-invalid=move || has_errors(problems)>
            <label class="field-label" for=ids.input.clone()>
                {label}
            </label>
            {hint_view(ids.hint.clone(), hint)}
            {lock_note(lock)}
            <FieldMessages id=ids.messages.clone() problems />
            <input
                readonly=move || lock.with(Option::is_some)
                id=ids.input.clone()
                name=ids.input
                data-path=path.clone()
                type="text"
                class="field-input"
                role="combobox"
                list=INSTANCE_TYPES_LIST
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
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
