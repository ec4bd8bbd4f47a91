//! A member whose values the service model lists (an enum): a select of exactly those
//! values, plus "inherit" (member absent). A value this build does not know (AWS added
//! it after the model was vendored) stays selectable, so editing never loses it.

use std::str::FromStr;
use std::sync::Arc;

use leptos::prelude::*;
use studio_admin_model::WireEnum;

use super::frame::{FieldIds, FieldMessages, described_by, has_errors, hint_view, problems_at};
use crate::form::{Lens, use_form};

/// One select bound to an enum member of the form's request.
#[component]
pub fn EnumSelect<E>(
    /// The member it edits.
    lens: Lens<E>,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Guidance under the label.
    #[prop(optional, into)]
    hint: Option<String>,
    /// Words for the values, by wire value (`ENABLED` -> `Enabled`); the wire value
    /// otherwise.
    #[prop(optional)]
    words: Option<fn(&str) -> Option<&'static str>>,
    /// No "inherit" choice: the member is always given (a row's kind).
    #[prop(optional)]
    required: bool,
) -> impl IntoView
where
    E: WireEnum + FromStr + Clone + PartialEq + Send + Sync + 'static,
{
    // Only this glue depends on the enum; the view below is compiled once for all.
    let form = use_form();
    let path = lens.path().to_owned();
    let current = {
        let lens = lens.clone();
        Memo::new(move |_| {
            form.request
                .with(|r| lens.get(r).map(|v| v.as_str().to_owned()))
                .unwrap_or_default()
        })
    };
    let choose: Arc<dyn Fn(String) + Send + Sync> = Arc::new(move |chosen: String| {
        let parsed = if chosen.is_empty() {
            None
        } else {
            E::from_str(&chosen).ok()
        };
        form.set(&lens, parsed);
    });
    choice_field(Choice {
        path,
        label,
        hint,
        words,
        required,
        values: E::VALUES,
        current,
        choose,
    })
}

/// What a select shows and does, with the enum's type left behind.
struct Choice {
    path: String,
    label: String,
    hint: Option<String>,
    words: Option<fn(&str) -> Option<&'static str>>,
    required: bool,
    values: &'static [&'static str],
    current: Memo<String>,
    choose: Arc<dyn Fn(String) + Send + Sync>,
}

fn choice_field(choice: Choice) -> AnyView {
    let Choice {
        path,
        label,
        hint,
        words,
        required,
        values,
        current,
        choose,
    } = choice;
    let form = use_form();
    let ids = FieldIds::for_path(&path);
    let problems = problems_at(form, path.clone());
    let word = move |wire: &str| {
        words
            .and_then(|w| w(wire))
            .map_or_else(|| wire.to_owned(), str::to_owned)
    };
    let inherit = move || match form.domain_default(&path) {
        Some(d) => format!("Inherit from the domain ({})", word(&d)),
        None => "Not set (AWS's default)".to_owned(),
    };
    let unknown = move || {
        let value = current.get();
        (!value.is_empty() && !values.contains(&value.as_str())).then(|| {
            view! { <option value=value.clone()>{format!("{value} (not in this build's model)")}</option> }
        })
    };
    let described = described_by(&ids, hint.is_some(), problems);
    view! {
        <div class="field" class:field-invalid=move || has_errors(problems)>
            <label class="field-label" for=ids.input.clone()>
                {label}
            </label>
            {hint_view(ids.hint.clone(), hint)}
            <FieldMessages id=ids.messages.clone() problems />
            <select
                id=ids.input.clone()
                name=ids.input
                class="field-input field-select"
                aria-invalid=move || if has_errors(problems) { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || current.get()
                on:change=move |ev| choose(event_target_value(&ev))
            >
                {(!required).then(|| view! { <option value="">{inherit}</option> })}
                {values
                    .iter()
                    .map(|v| view! { <option value=*v>{word(v)}</option> })
                    .collect_view()}
                {unknown}
            </select>
        </div>
    }
    .into_any()
}

/// Words for the ENABLED/DISABLED style values the model uses.
pub fn switch_words(wire: &str) -> Option<&'static str> {
    match wire {
        "ENABLED" | "Enabled" => Some("Enabled"),
        "DISABLED" | "Disabled" => Some("Disabled"),
        "DefaultAsDomain" => Some("As the domain says"),
        "Allowed" => Some("Allowed"),
        _ => None,
    }
}
