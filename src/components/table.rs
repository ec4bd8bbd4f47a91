//! The head of a data table: one row of column headings, each a `<th scope="col">` so
//! that screen readers name every cell by its column.

use leptos::prelude::*;

/// `<thead>` with one heading per column, in order.
pub fn column_heads(columns: &[&'static str]) -> AnyView {
    let heads = columns
        .iter()
        .map(|column| view! { <th scope="col">{*column}</th> })
        .collect_view();
    view! {
        <thead>
            <tr>{heads}</tr>
        </thead>
    }
    .into_any()
}
