//! The totals by instance type and by person, each with the grand total as its last row.
//! The server adds the rows' own rounded figures, so each total is exactly the sum of the
//! rows it covers.

use leptos::prelude::*;

use crate::api::types::{Cost, RunningApps, UsageTotal};

/// Both totals tables.
#[component]
pub fn Totals(
    /// The loaded page.
    page: RunningApps,
) -> impl IntoView {
    let priced = page.priced;
    view! {
        <div class="panel table-panel">
            <h2 class="panel-title">"Totals by instance type"</h2>
            {totals_table("totals-by-instance", "Instance type", page.by_instance_type, &page.total, priced)}
        </div>
        <div class="panel table-panel">
            <h2 class="panel-title">"Totals by person"</h2>
            {totals_table("totals-by-person", "Person", page.by_person, &page.total, priced)}
        </div>
    }
}

/// `12.34 USD` (several currencies joined), `—` without prices, and how many apps had
/// none.
fn cost_words(cost: &[Cost], unpriced: u32) -> String {
    let mut words: Vec<String> = cost
        .iter()
        .map(|c| format!("{:.2} {}", c.amount, c.currency))
        .collect();
    if unpriced > 0 {
        let apps = if unpriced == 1 { "app" } else { "apps" };
        words.push(format!("+ {unpriced} {apps} without a price"));
    }
    if words.is_empty() {
        "—".to_owned()
    } else {
        words.join(" ")
    }
}

fn totals_table(
    id: &'static str,
    what: &'static str,
    groups: Vec<UsageTotal>,
    total: &UsageTotal,
    priced: bool,
) -> AnyView {
    let row = move |label: String, key: String, t: &UsageTotal| {
        let cost = priced.then(
            || view! { <td class="mono" data-cost="">{cost_words(&t.cost, t.unpriced)}</td> },
        );
        view! {
            <tr data-key=key>
                <th scope="row">{label}</th>
                <td class="mono" data-apps="">{t.apps}</td>
                <td class="mono" data-hours="">{format!("{:.2}", t.hours)}</td>
                {cost}
            </tr>
        }
    };
    let rows = groups
        .into_iter()
        .map(|t| {
            let label = if t.key.is_empty() {
                "(none reported)".to_owned()
            } else {
                t.key.clone()
            };
            row(label, t.key.clone(), &t)
        })
        .collect_view();
    let all = row("All apps".to_owned(), "*".to_owned(), total);
    view! {
        <table class="table" id=id>
            <thead>
                <tr>
                    <th scope="col">{what}</th>
                    <th scope="col">"Apps"</th>
                    <th scope="col">"Hours"</th>
                    {priced.then(|| view! { <th scope="col">"Est. cost"</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>{all}</tfoot>
        </table>
    }
    .into_any()
}
