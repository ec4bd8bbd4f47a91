//! The error summary at the top of the form (GOV.UK Design System): a heading, and each
//! error as a link that moves focus to its field. It appears once the person tried to
//! submit, takes focus then, and follows every keystroke after.

use leptos::html;
use leptos::prelude::*;
use studio_admin_model::{Problem, Severity};

use crate::format::humanize;
use crate::profile_form::model::paths::{field_id, focus_path};
use crate::profile_form::model::use_form;

/// The id of the summary (the submit moves focus here).
pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// Where a problem is, in words: the last member, with the row for list items
/// (`Tags[1].Key` -> `Key (Tags, row 2)`); empty for the whole request.
pub fn place_of(path: &str) -> String {
    if path.is_empty() {
        return String::new();
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    let (member, index) = match last.split_once('[') {
        Some((member, rest)) => (member, rest.trim_end_matches(']').parse::<usize>().ok()),
        None => (last, None),
    };
    let row = path.rfind('[').and_then(|at| {
        let list = &path[..at];
        let list_name = list.rsplit('.').next().unwrap_or(list);
        let number = path[at + 1..].split(']').next()?.parse::<usize>().ok()?;
        Some((list_name.to_owned(), number + 1))
    });
    match (index, row) {
        (Some(i), _) => format!("{} {}", humanize(member), i + 1),
        (None, Some((list, number))) => {
            format!("{} ({}, row {number})", humanize(member), humanize(&list))
        }
        (None, None) => humanize(member),
    }
}

/// How many errors stop `what` (`the profile from being sent`), as the summary says it.
pub fn errors_count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 error stops {what}:")
    } else {
        format!("{n} errors stop {what}:")
    }
}

/// A problem in a summary: where and what, as a link that moves focus to its field.
pub fn problem_link(problem: Problem) -> AnyView {
    let path = problem.path;
    let place = place_of(&path);
    let href = format!("#{}", field_id(&path));
    view! {
        <a
            href=href
            on:click=move |ev| {
                ev.prevent_default();
                focus_path(&path);
            }
        >
            {(!place.is_empty()).then(|| format!("{place}: "))}
            {problem.message}
        </a>
    }
    .into_any()
}

/// The summary of the form's errors.
#[component]
pub fn ErrorSummary(
    /// The summary element, so the submit can move focus to it.
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let form = use_form();
    let errors = Memo::new(move |_| {
        form.problems.with(|all| {
            all.iter()
                .filter(|p| p.severity == Severity::Error)
                .cloned()
                .collect::<Vec<Problem>>()
        })
    });
    let visible = move || form.submitted.get() && errors.with(|e| !e.is_empty());
    view! {
        <div
            id=ERROR_SUMMARY_ID
            class="error-summary"
            class:hidden=move || !visible()
            tabindex="-1"
            aria-labelledby="error-summary-title"
            node_ref=node_ref
        >
            <Show when=visible>
                <h2 id="error-summary-title" class="error-summary-title">
                    "There is a problem"
                </h2>
                <p class="error-summary-count">
                    {move || errors_count(errors.with(Vec::len), "the profile from being sent")}
                </p>
                <ul class="error-summary-list">
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|problem| {
                                let shown_path = problem.path.clone();
                                view! {
                                    <li>
                                        {problem_link(problem)}
                                        {(!shown_path.is_empty())
                                            .then(|| view! { <code class="error-summary-path">{shown_path}</code> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_the_member_and_the_row() {
        assert_eq!(place_of("UserProfileName"), "User profile name");
        assert_eq!(place_of("Tags[1].Key"), "Key (Tags, row 2)");
        assert_eq!(
            place_of("UserSettings.SecurityGroups[0]"),
            "Security groups 1"
        );
        assert_eq!(place_of(""), "");
    }
}
