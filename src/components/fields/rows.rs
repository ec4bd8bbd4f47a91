//! Repeated items (tags, security groups, code repositories, custom images, ...): rows
//! the person adds and removes. Each row's inputs edit the list item in place; the list's
//! own problems (too many, required) show above the rows.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::frame::{FieldIds, FieldMessages, hint_view, problems_at};
use crate::form::paths::{focus_path, row_id};
use crate::form::{FormMode, Lens, use_form};

/// A list member of the request as rows.
#[component]
pub fn Rows<T>(
    /// The list it edits.
    lens: Lens<Vec<T>>,
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
    /// A new, empty item.
    new_item: fn() -> T,
    /// The inputs of one row: the item's lens and the row's name (`Tag 2`).
    row: fn(&Lens<T>, &str) -> AnyView,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    // Only this glue depends on the item type; the rows' view is compiled once for all.
    let form = use_form();
    let path = lens.path().to_owned();
    let count = {
        let lens = lens.clone();
        Memo::new(move |_| form.request.with(|r| lens.len(r)))
    };
    let add: Arc<dyn Fn() + Send + Sync> = {
        let lens = lens.clone();
        Arc::new(move || form.modify(&lens, |list| list.push(new_item())))
    };
    let remove: Arc<dyn Fn(usize) + Send + Sync> = {
        let lens = lens.clone();
        Arc::new(move |index| {
            form.modify(&lens, |list| {
                if index < list.len() {
                    list.remove(index);
                }
            });
            let empty = form.request.with_untracked(|r| lens.len(r) == 0);
            if empty && form.mode == FormMode::Create {
                form.set(&lens, None);
            }
        })
    };
    let draw: Arc<dyn Fn(usize, String) -> AnyView + Send + Sync> =
        Arc::new(move |index, name| row(&lens.item(index), &name));
    rows_view(RowsView {
        path,
        legend,
        item,
        hint,
        max,
        count,
        add,
        remove,
        draw,
    })
}

/// What the rows show and do, with the item type left behind.
struct RowsView {
    path: String,
    legend: String,
    item: String,
    hint: Option<String>,
    max: Option<i64>,
    count: Memo<usize>,
    add: Arc<dyn Fn() + Send + Sync>,
    remove: Arc<dyn Fn(usize) + Send + Sync>,
    draw: Arc<dyn Fn(usize, String) -> AnyView + Send + Sync>,
}

fn rows_view(rows: RowsView) -> AnyView {
    let RowsView {
        path,
        legend,
        item,
        hint,
        max,
        count,
        add,
        remove,
        draw,
    } = rows;
    let form = use_form();
    let ids = FieldIds::for_path(&path);
    let problems = problems_at(form, path.clone());
    let add_button = NodeRef::<html::Button>::new();
    let capitalized = {
        let mut chars = item.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    let full = move || max.is_some_and(|m| i64::try_from(count.get()).unwrap_or(i64::MAX) >= m);

    let on_add = {
        let path = path.clone();
        move |_| {
            let index = count.get_untracked();
            add();
            form.touch(&path);
            let row_path = format!("{path}[{index}]");
            // Once the row is drawn, the cursor goes to its first input.
            request_animation_frame(move || {
                focus_path(&row_path);
            });
        }
    };

    let list = {
        let item = item.clone();
        move || {
            (0..count.get())
                .map(|index| {
                    let row_path = format!("{path}[{index}]");
                    let row_id = row_id(&row_path);
                    let name = format!("{capitalized} {}", index + 1);
                    let remove_label = format!("Remove {item} {}", index + 1);
                    let (remove, path) = (remove.clone(), path.clone());
                    let on_remove = move |_| {
                        remove(index);
                        // The rows after it moved up: what was said about them by index
                        // no longer fits.
                        form.forget_within(&path);
                        form.touch(&path);
                        if let Some(button) = add_button.get_untracked() {
                            let _ = button.focus();
                        }
                    };
                    view! {
                        <li id=row_id class="row">
                            <div class="row-fields">{draw(index, name)}</div>
                            <button type="button" class="button button-link row-remove" on:click=on_remove>
                                {remove_label}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <fieldset id=ids.input class="field fieldset rows">
            <legend class="field-label">{legend}</legend>
            {hint_view(ids.hint.clone(), hint)}
            <FieldMessages id=ids.messages.clone() problems />
            <ol class="row-list">{list}</ol>
            <button
                type="button"
                class="button button-secondary"
                node_ref=add_button
                disabled=full
                on:click=on_add
            >
                {format!("Add {item}")}
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
        </fieldset>
    }
    .into_any()
}
