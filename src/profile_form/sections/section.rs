//! One collapsible section of the form: its title, how many values it holds or that it
//! inherits the domain's settings, and how many shown problems are inside, so a closed
//! section still says where attention is needed.

use leptos::prelude::*;
use studio_admin_model::Severity;
use studio_admin_model::validate::IntRule;

use crate::profile_form::fields::frame::FieldIds;
use crate::profile_form::model::paths::{is_within, section_id};
use crate::profile_form::model::use_form;

/// A section of the form.
#[component]
pub fn FormSection(
    /// The heading.
    #[prop(into)]
    title: String,
    /// What the section is about, in a sentence.
    #[prop(optional, into)]
    description: Option<String>,
    /// The request paths the section edits (the first one names the section, so a
    /// problem about the structure as a whole leads here).
    paths: &'static [&'static str],
    /// Open from the start, or once the domain is known to require it (the general
    /// section; security groups in a VPC-only domain).
    #[prop(optional, into)]
    open: Signal<bool>,
    /// The inputs.
    children: Children,
) -> impl IntoView {
    let form = use_form();
    let id = paths.first().map(|p| section_id(p)).unwrap_or_default();
    let values = move || paths.iter().map(|p| form.values_within(p)).sum::<usize>();
    let problems = move || {
        form.shown.with(|shown| {
            let within =
                |p: &&studio_admin_model::Problem| paths.iter().any(|s| is_within(&p.path, s));
            let errors = shown
                .iter()
                .filter(within)
                .filter(|p| p.severity == Severity::Error)
                .count();
            let warnings = shown
                .iter()
                .filter(within)
                .filter(|p| p.severity == Severity::Warning)
                .count();
            (errors, warnings)
        })
    };
    let has_values = untrack(|| paths.iter().any(|p| form.values_within(p) > 0));
    let open = move || open.get() || has_values;
    view! {
        <details class="form-section panel" id=id open=open>
            <summary class="form-section-summary">
                <h2 class="form-section-title">{title}</h2>
                <span class="form-section-state">
                    {move || match values() {
                        0 => "Domain defaults apply".to_owned(),
                        1 => "1 value given".to_owned(),
                        n => format!("{n} values given"),
                    }}
                </span>
                {move || {
                    let (errors, warnings) = problems();
                    let mut badges = Vec::new();
                    if errors > 0 {
                        badges.push(view! { <span class="badge badge-error">{format!("{errors} error{}", if errors == 1 { "" } else { "s" })}</span> });
                    }
                    if warnings > 0 {
                        badges.push(view! { <span class="badge badge-warning">{format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" })}</span> });
                    }
                    badges
                }}
            </summary>
            <div class="form-section-body">
                {description.map(|d| view! { <p class="form-section-description">{d}</p> })}
                {children()}
            </div>
        </details>
    }
}

/// A group of inputs inside a section: a fieldset around the members of one structure at
/// `path` (its id is the structure's, so a problem about the whole structure leads here).
pub fn subgroup(path: &str, legend: &'static str, children: AnyView) -> AnyView {
    view! {
        <fieldset class="fieldset subgroup" id=FieldIds::for_path(path).input>
            <legend class="field-label">{legend}</legend>
            {children}
        </fieldset>
    }
    .into_any()
}

/// The range the model allows for a number, as a hint (`60 to 525600 minutes.`); `unit`
/// follows the numbers, with its space (`" minutes"`, or `""`).
pub fn range_hint(rule: &IntRule, unit: &str) -> String {
    format!(
        "{} to {}{unit}.",
        rule.min.unwrap_or_default(),
        rule.max.unwrap_or_default()
    )
}
