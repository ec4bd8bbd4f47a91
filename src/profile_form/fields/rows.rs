//! Repeated items (tags, security groups, code repositories, custom images, ...): rows
//! the person adds and removes. Each row's inputs edit the list item in place; the list's
//! own problems (too many, required) show above the rows.

use leptos::html;
use leptos::prelude::*;
use serde_json::Value;

use super::frame::Field;
use crate::profile_form::model::paths::{focus_path, row_id};

/// A list member of the request as rows.
#[component]
pub fn Rows(
    /// The SageMaker path of the list it edits (`Tags`).
    #[prop(into)]
    path: String,
    /// The legend of the group (`Tags`).
    #[prop(into)]
    legend: String,
    /// One item, in words (`tag`): "Add tag", "Tag 2", "Remove tag 2".
    #[prop(into)]
    item: String,
    /// Guidance under the legend.
    #[prop(optional, into)]
    hint: Option<String>,
    /// At most this many rows (the model's limit).
    #[prop(optional)]
    max: Option<i64>,
    /// A new, empty item (`{}` for structures, `""` for text).
    new_item: fn() -> Value,
    /// The inputs of one row: the item's path (`Tags[1]`) and the row's name (`Tag 2`).
    row: fn(&str, &str) -> AnyView,
) -> AnyView {
    let field = Field::at(path);
    let (form, path) = (field.form, field.path.clone());
    let locked = field.locked();
    let count = {
        let path = path.clone();
        Memo::new(move |_| form.len_at(&path))
    };
    let add_button = NodeRef::<html::Button>::new();
    let capitalized = {
        let mut chars = item.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    };
    let full = move || max.is_some_and(|m| i64::try_from(count.get()).unwrap_or(i64::MAX) >= m);

    let on_add = {
        let path = path.clone();
        move |_| {
            let index = count.get_untracked();
            form.push(&path, new_item());
            let row_path = format!("{path}[{index}]");
            // Once the row is drawn, the cursor goes to its first input.
            request_animation_frame(move || {
                focus_path(&row_path);
            });
        }
    };

    let add_label = format!("Add {item}");
    let list = {
        move || {
            (0..count.get())
                .map(|index| {
                    let item_path = format!("{path}[{index}]");
                    let name = format!("{capitalized} {}", index + 1);
                    let remove_label = format!("Remove {item} {}", index + 1);
                    let path = path.clone();
                    let on_remove = move |_| {
                        form.remove_item(&path, index);
                        if let Some(button) = add_button.get_untracked() {
                            let _ = button.focus();
                        }
                    };
                    view! {
                        <li id=row_id(&item_path) class="row">
                            <div class="row-fields">{row(&item_path, &name)}</div>
                            <button type="button" class="button button-link row-remove" disabled=locked on:click=on_remove>
                                {remove_label}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }
    };

    let body = view! {
        <ol class="row-list">{list}</ol>
            <button
                type="button"
                class="button button-secondary"
                node_ref=add_button
                disabled=move || full() || locked()
                on:click=on_add
            >
                {add_label}
            </button>
            {move || {
                full()
                    .then(|| {
                        view! {
                            <span class="field-hint rows-full">
                                {format!("At most {} (the SageMaker limit).", max.unwrap_or_default())}
                            </span>
                        }
                    })
            }}
    };
    field.fieldset("field fieldset rows", legend, hint, body.into_any())
}
