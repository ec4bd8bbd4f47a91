//! A filter above a list: a labelled input, inline, bound to the text of a signal.

use leptos::prelude::*;

/// The input `id` of type `kind` (`text`, `search`, `datetime-local`) labelled `label`,
/// showing and setting `value` as typed; `placeholder` while empty.
pub fn filter_field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    placeholder: Option<&'static str>,
    value: RwSignal<String>,
) -> AnyView {
    // Typed filters should not be filled from the browser's history; a date picker has
    // nothing to fill.
    let autocomplete = (kind != "datetime-local").then_some("off");
    view! {
        <div class="field field-inline">
            <label class="field-label" for=id>{label}</label>
            <input
                id=id
                type=kind
                class="field-input"
                autocomplete=autocomplete
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
    .into_any()
}
