//! A status as a coloured badge (Cloudscape's status indicator): the word is always
//! written out, the colour only repeats it.

use leptos::prelude::*;

/// Statuses that are on their way somewhere (lists refresh while they show).
pub fn is_transitional(status: &str) -> bool {
    matches!(
        status,
        "Pending"
            | "Updating"
            | "Deleting"
            | "running"
            | "Running"
            | "pending"
            | "In progress"
            | "Approving"
    )
}

/// The badge's look for a status of SageMaker or of a delete job or step.
fn tone(status: &str) -> &'static str {
    match status {
        "InService" | "Done" | "done" | "succeeded" | "Succeeded" | "deleted" | "Approved" => {
            "success"
        }
        s if is_transitional(s) => "progress",
        "Failed" | "failed" | "Update_Failed" | "Delete_Failed" | "Rejected" => "error",
        "Waiting" => "neutral",
        "Deleted" | "Cancelled" | "cancelled" | "Skipped" | "skipped" | "superseded"
        | "Replanned" => "stopped",
        _ => "neutral",
    }
}

/// Words for SageMaker's spellings (`Update_Failed` -> `Update failed`).
pub fn status_words(status: &str) -> String {
    match status {
        "InService" => "In service".to_owned(),
        "Update_Failed" => "Update failed".to_owned(),
        "Delete_Failed" => "Delete failed".to_owned(),
        other => other.to_owned(),
    }
}

/// A badge for a status that does not change while it is shown (table rows: cheaper to
/// draw than the reactive [`StatusBadge`]).
pub fn status_badge(status: &str) -> AnyView {
    view! { <span class=format!("badge badge-{}", tone(status))>{status_words(status)}</span> }
        .into_any()
}

/// One status badge.
#[component]
pub fn StatusBadge(
    /// The status as SageMaker (or the job) spells it.
    #[prop(into)]
    status: Signal<String>,
) -> impl IntoView {
    view! {
        <span class=move || format!("badge badge-{}", tone(&status.get()))>
            {move || status_words(&status.get())}
        </span>
    }
}
