//! A text member of the request: what is typed is what is sent; an empty input means the
//! member is absent (and the domain's default applies, which the placeholder shows).

use leptos::prelude::*;
use serde_json::Value;

use super::frame::Field;

/// One text input bound to a member of the form's request.
#[component]
pub fn TextInput(
    /// The SageMaker path of the member it edits (`UserSettings.ExecutionRole`).
    #[prop(into)]
    path: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label.
    #[prop(optional, into)]
    hint: Option<String>,
    /// Shown while empty; by default what the domain's settings supply, if anything.
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    suggestions: Option<&'static str>,
    /// Shown but not editable (the name of a profile being edited).
    #[prop(optional)]
    readonly: bool,
    /// Wider than the usual field (ARNs, URLs).
    #[prop(optional)]
    wide: bool,
) -> AnyView {
    let field = Field::at(path);
    let form = field.form;
    let placeholder = {
        let path = field.path.clone();
        Signal::derive(move || {
            placeholder.clone().or_else(|| {
                form.domain_default(&path)
                    .map(|v| format!("Inherits {v} from the domain"))
            })
        })
    };
    let has_hint = hint.is_some();
    let text_box = TextBox {
        list: suggestions,
        role: None,
        readonly,
        placeholder,
    };
    let class = if wide { "field field-wide" } else { "field" };
    field.framed(
        class,
        label.into_any(),
        hint,
        text_box.view(&field, has_hint),
    )
}

/// A text box bound to a field's member: what is typed is what is sent; emptied, the
/// member is left out (a list item stays, empty, to fill in or remove).
pub(super) struct TextBox {
    /// The id of a `<datalist>` of suggestions.
    pub list: Option<&'static str>,
    /// The box's ARIA role (`combobox` over a list of suggestions).
    pub role: Option<&'static str>,
    /// Shown but not editable, even while not locked.
    pub readonly: bool,
    /// Shown while empty.
    pub placeholder: Signal<Option<String>>,
}

impl TextBox {
    /// The `<input>` of `field`; `has_hint`: whether the field shows a hint.
    pub fn view(self, field: &Field, has_hint: bool) -> AnyView {
        let Self {
            list,
            role,
            readonly,
            placeholder,
        } = self;
        let form = field.form;
        let path = field.path.clone();
        let value = {
            let path = path.clone();
            Memo::new(move |_| form.text_at(&path))
        };
        let locked = field.locked();
        // An emptied row stays a row (to fill in or remove); an emptied member is left out.
        let is_item = path.ends_with(']');
        view! {
            <input
                id=field.ids.input.clone()
                name=field.ids.input.clone()
                data-path=path.clone()
                type="text"
                class="field-input"
                role=role
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                list=list
                readonly=move || readonly || locked()
                placeholder=placeholder
                aria-invalid=field.invalid()
                aria-describedby=field.described_by(has_hint)
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let keep = !text.is_empty() || is_item;
                    form.set(&path, keep.then_some(Value::String(text)));
                }
            />
        }
        .into_any()
    }
}
