//! The tag editor of the edit page: a profile's tags as rows to change, add and remove,
//! checked on every keystroke with the model's rules (the very ones the proxy applies),
//! saved as the whole set (`PUT .../tags`; the proxy sends AWS only the difference).
//! AWS's own tags (`aws:` keys) are shown apart: nobody can change them.

use leptos::html;
use leptos::prelude::*;
use studio_admin_model::{Problem, Severity, Tag, is_reserved_tag_key, rules, validate_tag_set};

use crate::api::types::ProfileTags;
use crate::api::{ApiError, use_api};
use crate::profile_form::fields::frame::problem_message;
use crate::profile_form::model::paths::{field_id, focus_path};
use crate::profile_form::{errors_count, problem_link};

/// The id of the editor's error summary.
pub const TAG_ERRORS_ID: &str = "tag-errors";

/// One row of the editor: an id that stays with the row while rows above it go, and what
/// is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: u32,
    key: String,
    value: String,
    /// Whether the person has typed in it (its problems show from then on).
    touched: bool,
}

/// The rows' tags, as they are sent.
fn tags_of(rows: &[Row]) -> Vec<Tag> {
    rows.iter()
        .map(|r| Tag {
            key: Some(r.key.clone()),
            value: Some(r.value.clone()),
        })
        .collect()
}

/// Splits a profile's tags into AWS's own (shown, kept) and the editable ones.
fn split(tags: Vec<Tag>) -> (Vec<Tag>, Vec<Tag>) {
    tags.into_iter()
        .partition(|t| t.key.as_deref().is_some_and(is_reserved_tag_key))
}

/// The problems at `path`, exactly (`Tags[1].Key`).
fn at(problems: &[Problem], path: &str) -> Vec<Problem> {
    problems
        .iter()
        .filter(|p| p.path == path)
        .cloned()
        .collect()
}

/// The editor, starting from the profile's `tags`.
#[component]
pub fn TagEditor(
    /// The domain's id.
    domain_id: String,
    /// The profile's name.
    name: String,
    /// The tags the profile has now.
    tags: Vec<Tag>,
) -> impl IntoView {
    let (own, editable) = split(tags);
    let aws_tags = RwSignal::new(own);
    let next_id = StoredValue::new(0_u32);
    let make_rows = move |tags: Vec<Tag>| -> Vec<Row> {
        tags.into_iter()
            .map(|t| {
                let id = next_id.get_value();
                next_id.set_value(id + 1);
                Row {
                    id,
                    key: t.key.unwrap_or_default(),
                    value: t.value.unwrap_or_default(),
                    touched: false,
                }
            })
            .collect()
    };
    let rows = RwSignal::new(make_rows(editable));
    let submitted = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<usize, ApiError>>);
    let summary = NodeRef::<html::Div>::new();
    let add_button = NodeRef::<html::Button>::new();
    let max = usize::try_from(rules::TAG_LIST.max.unwrap_or(50)).unwrap_or(50);

    let problems = Memo::new(move |_| {
        rows.with(|rows| validate_tag_set(&tags_of(rows)))
            .problems
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect::<Vec<Problem>>()
    });
    // A row's problems show once it was typed in, and every one after a save was tried.
    let shown_at = move |index: usize, member: &str| {
        let visible = submitted.get() || rows.with(|r| r.get(index).is_some_and(|r| r.touched));
        if !visible {
            return Vec::new();
        }
        problems.with(|all| at(all, &format!("Tags[{index}].{member}")))
    };
    let list_problems = move || problems.with(|all| at(all, "Tags"));

    let add = move |_| {
        let index = rows.with_untracked(Vec::len);
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        rows.update(|r| {
            r.push(Row {
                id,
                key: String::new(),
                value: String::new(),
                touched: false,
            });
        });
        outcome.set(None);
        request_animation_frame(move || {
            focus_path(&format!("Tags[{index}].Key"));
        });
    };

    let api = use_api();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        outcome.set(None);
        if problems.with(|p| !p.is_empty()) {
            request_animation_frame(move || {
                if let Some(summary) = summary.get_untracked() {
                    let _ = summary.focus();
                }
            });
            return;
        }
        let body = ProfileTags {
            tags: rows.with_untracked(|r| tags_of(r)),
        };
        let (api, domain_id, name) = (api.clone(), domain_id.clone(), name.clone());
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = api.set_profile_tags(&domain_id, &name, &body).await;
            saving.try_set(false);
            let result = result.map(|saved| {
                let (own, editable) = split(saved.tags);
                let count = editable.len();
                aws_tags.try_set(own);
                rows.try_set(make_rows(editable));
                submitted.try_set(false);
                count
            });
            outcome.try_set(Some(result));
        });
    };

    // Rows are drawn once each (keyed by their id), so typing never redraws an input; a
    // row's number follows the rows removed above it.
    let row_view = move |row: Row| {
        let id = row.id;
        let index = Memo::new(move |_| {
            rows.with(|rows| rows.iter().position(|r| r.id == id).unwrap_or_default())
        });
        let path = move |member: &'static str| move || format!("Tags[{}].{member}", index.get());
        let input_id = move |member: &'static str| move || field_id(&path(member)());
        let messages_id =
            move |member: &'static str| move || format!("{}-messages", input_id(member)());
        let edit = move |key: bool, text: String| {
            rows.update(|rows| {
                if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                    if key {
                        row.key = text;
                    } else {
                        row.value = text;
                    }
                    row.touched = true;
                }
            });
            outcome.set(None);
        };
        let remove = move |_| {
            rows.update(|rows| rows.retain(|r| r.id != id));
            outcome.set(None);
            if let Some(button) = add_button.get_untracked() {
                let _ = button.focus();
            }
        };
        let key_problems = Memo::new(move |_| shown_at(index.get(), "Key"));
        let value_problems = Memo::new(move |_| shown_at(index.get(), "Value"));
        let field = move |member: &'static str, initial: String, problems: Memo<Vec<Problem>>| {
            let invalid = move || problems.with(|p| !p.is_empty());
            let label = move || format!("Tag {} {}", index.get() + 1, member.to_ascii_lowercase());
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label class="field-label" for=input_id(member)>{label}</label>
                    {move || {
                        let list = problems.get();
                        (!list.is_empty()).then(|| view! {
                            <div id=messages_id(member) class="field-messages">
                                {list.into_iter().map(problem_message).collect_view()}
                            </div>
                        })
                    }}
                    <input
                        id=input_id(member)
                        data-path=path(member)
                        type="text"
                        class="field-input"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        prop:value=initial
                        aria-invalid=move || invalid().to_string()
                        aria-describedby=move || invalid().then(messages_id(member))
                        on:input=move |ev| edit(member == "Key", event_target_value(&ev))
                    />
                </div>
            }
        };
        view! {
            <li class="row" data-tag-row=move || index.get().to_string()>
                <div class="row-fields">
                    {field("Key", row.key, key_problems)}
                    {field("Value", row.value, value_problems)}
                </div>
                <button type="button" class="button button-link row-remove" on:click=remove>
                    {move || format!("Remove tag {}", index.get() + 1)}
                </button>
            </li>
        }
    };

    let error_summary = move || {
        let errors = problems.get();
        (submitted.get() && !errors.is_empty()).then(|| {
            let count = errors_count(errors.len(), "the tags from being saved");
            let items = errors
                .into_iter()
                .map(|problem| view! { <li>{problem_link(problem)}</li> })
                .collect_view();
            view! {
                <h3 id="tag-errors-title" class="error-summary-title">"There is a problem"</h3>
                <p class="error-summary-count">{count}</p>
                <ul class="error-summary-list">{items}</ul>
            }
        })
    };

    let full = move || rows.with(Vec::len) >= max;
    view! {
        <form class="panel" id="tag-editor" on:submit=save novalidate=true>
            <h2 class="panel-title">"Tags"</h2>
            <div class="panel-body">
                <p class="field-hint" id="tags-hint">
                    "Key and value pairs for cost allocation and access control. Keys are unique (Team and team are two keys); the aws: prefix is AWS's own. At most "
                    {max}
                    " tags."
                </p>
                <p class="alert alert-info" id="tags-reach">
                    "Tags added or changed now reach only apps launched afterwards: apps running now keep the tags they started with."
                </p>
                <div
                    id=TAG_ERRORS_ID
                    class="error-summary"
                    class:hidden=move || !(submitted.get() && problems.with(|p| !p.is_empty()))
                    tabindex="-1"
                    aria-labelledby="tag-errors-title"
                    node_ref=summary
                >
                    {error_summary}
                </div>
                {move || {
                    let own = aws_tags.get();
                    (!own.is_empty()).then(|| {
                        let items = own
                            .into_iter()
                            .map(|t| view! {
                                <div class="settings-row">
                                    <dt class="mono">{t.key.unwrap_or_default()}</dt>
                                    <dd>{t.value.unwrap_or_default()}</dd>
                                </div>
                            })
                            .collect_view();
                        view! {
                            <p class="field-hint">"Set by AWS (cannot be changed here):"</p>
                            <dl class="settings" id="aws-tags">{items}</dl>
                        }
                    })
                }}
                <fieldset class="field fieldset rows" id=field_id("Tags") aria-describedby="tags-hint">
                    <legend class="field-label">"Tags"</legend>
                    <div class="field-messages">
                        {move || list_problems().into_iter().map(problem_message).collect_view()}
                    </div>
                    <ol class="row-list" id="tag-rows">
                        <For each=move || rows.get() key=|row| row.id children=row_view />
                    </ol>
                    {move || rows.with(Vec::is_empty).then(|| view! { <p class="muted" id="no-tags">"No tags."</p> })}
                    <button
                        type="button"
                        class="button button-secondary"
                        id="add-tag"
                        node_ref=add_button
                        disabled=full
                        on:click=add
                    >
                        "Add tag"
                    </button>
                    {move || full().then(|| view! {
                        <span class="field-hint rows-full">{format!("At most {max} (the SageMaker limit).")}</span>
                    })}
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button button-primary" id="save-tags" disabled=move || saving.get()>
                        {move || if saving.get() { "Saving tags…" } else { "Save tags" }}
                    </button>
                    <span role="status" aria-live="polite" id="tags-outcome">
                        {move || match outcome.get() {
                            Some(Ok(n)) => view! {
                                <span class="text-success">{format!("Tags saved: the profile has {n} tag(s).")}</span>
                            }
                            .into_any(),
                            Some(Err(error)) => view! {
                                <span class="text-error">{format!("The tags were not saved: {}", error.message())}</span>
                            }
                            .into_any(),
                            None => ().into_any(),
                        }}
                    </span>
                </div>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(key: &str, value: &str) -> Tag {
        Tag {
            key: Some(key.to_owned()),
            value: Some(value.to_owned()),
        }
    }

    #[test]
    fn aws_own_tags_are_kept_apart_from_the_editable_ones() {
        let (own, editable) = split(vec![
            tag("Team", "ml"),
            tag("aws:cloudformation:stack-name", "studio"),
            tag("Project", "churn"),
        ]);
        assert_eq!(own, [tag("aws:cloudformation:stack-name", "studio")]);
        assert_eq!(editable, [tag("Team", "ml"), tag("Project", "churn")]);
    }

    #[test]
    fn rows_are_sent_as_typed_empty_values_included() {
        let rows = [Row {
            id: 7,
            key: "Team".to_owned(),
            value: String::new(),
            touched: true,
        }];
        assert_eq!(tags_of(&rows), [tag("Team", "")]);
    }
}
