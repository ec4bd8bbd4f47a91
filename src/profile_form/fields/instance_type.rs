//! Instance types: a searchable picker over every value of the model's
//! `AppInstanceType` enum (the browser filters the suggestions as the person types; a
//! value not in the list is reported by validation).

use leptos::prelude::*;
use studio_admin_model::{AppInstanceType, WireEnum};

use super::frame::Field;
use super::text::TextBox;

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
    let field = Field::at(path);
    let form = field.form;
    let placeholder = {
        let path = field.path.clone();
        Signal::derive(move || {
            form.domain_default(&path)
                .map(|v| format!("Inherits {v} from the domain"))
                .or_else(|| Some("Type to search, e.g. ml.t3.medium".to_owned()))
        })
    };
    let hint = hint.filter(|h| !h.is_empty()).or_else(|| {
        Some(format!(
            "One of the {} instance types SageMaker lists; type to search.",
            AppInstanceType::VALUES.len()
        ))
    });
    let text_box = TextBox {
        list: Some(INSTANCE_TYPES_LIST),
        role: Some("combobox"),
        readonly: false,
        placeholder,
    };
    field.framed("field", label.into_any(), hint, text_box.view(&field, true))
}
