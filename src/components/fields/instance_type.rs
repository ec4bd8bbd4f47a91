//! Instance types: a searchable picker over every value of the model's
//! `AppInstanceType` enum (the browser filters the suggestions as the person types).

use leptos::prelude::*;
use studio_admin_model::{AppInstanceType, WireEnum};

use super::frame::{FieldIds, FieldMessages, described_by, has_errors, hint_view, problems_at};
use crate::form::{Lens, use_form};

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
    /// The member it edits.
    lens: Lens<AppInstanceType>,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let form = use_form();
    let path = lens.path().to_owned();
    let ids = FieldIds::for_path(&path);
    let problems = problems_at(form, path.clone());
    let value = {
        let lens = lens.clone();
        Memo::new(move |_| {
            form.request
                .with(|r| lens.get(r).map(|v| v.as_str().to_owned()))
                .unwrap_or_default()
        })
    };
    let placeholder = move || {
        form.domain_default(&path)
            .map(|v| format!("Inherits {v} from the domain"))
            .or_else(|| Some("Type to search, e.g. ml.t3.medium".to_owned()))
    };
    let hint = hint.filter(|h| !h.is_empty()).or_else(|| {
        Some(format!(
            "One of the {} instance types SageMaker lists; type to search.",
            AppInstanceType::VALUES.len()
        ))
    });
    let described = described_by(&ids, true, problems);
    view! {
        <div class="field" class:field-invalid=move || has_errors(problems)>
            <label class="field-label" for=ids.input.clone()>
                {label}
            </label>
            {hint_view(ids.hint.clone(), hint)}
            <FieldMessages id=ids.messages.clone() problems />
            <input
                id=ids.input.clone()
                name=ids.input
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
                    let chosen = if text.is_empty() && !lens.is_item() {
                        None
                    } else {
                        Some(AppInstanceType::from_wire(&text))
                    };
                    form.set(&lens, chosen);
                }
            />
        </div>
    }
}
