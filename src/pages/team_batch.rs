//! The team page's Apply: the plan shown is sent as a batch to the proxy
//! (`POST /api/domains/{domain}/batches`, planned again there), which runs it durably;
//! the page follows it over Server-Sent Events with a progress bar and each row's status,
//! and offers cancel, a retry of the failed rows and the results as CSV. The batch goes
//! on on the server when the page is closed; the domain's earlier batches are listed
//! below, to follow one again.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::transport::Subscription;
use crate::api::types::{BatchDetail, BatchStatus, PlanBody, RowStatus};
use crate::api::use_api;

/// The Apply button, then the batch's progress; the domain's earlier batches.
#[component]
pub fn TeamBatch(
    /// The domain's id.
    domain_id: Memo<String>,
    /// The file and options of a plan that can be applied, and how many rows send
    /// something (the button says so); `None` while there is no such plan.
    apply: Signal<Option<(PlanBody, usize)>>,
) -> impl IntoView {
    let api = use_api();
    let batch = RwSignal::new(None::<BatchDetail>);
    let earlier = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            let domain = domain_id.get();
            async move {
                api.batches(&domain)
                    .await
                    .map(|l| l.batches)
                    .unwrap_or_default()
            }
        }
    });
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let stream = StoredValue::new_local(None::<Subscription>);
    let finished = Memo::new(move |_| {
        batch.with(|b| b.as_ref().is_some_and(|b| b.batch.status.is_finished()))
    });
    let batch_id = Memo::new(move |_| batch.with(|b| b.as_ref().map(|b| b.batch.id)));

    // Follows the batch while it runs; the proxy ends the stream when it finishes, and a
    // retry opens it again.
    Effect::new({
        let api = api.clone();
        move |_| {
            let Some(id) = batch_id.get() else {
                return;
            };
            if finished.get() {
                stream.set_value(None);
                return;
            }
            if stream.with_value(Option::is_some) {
                return;
            }
            let on_event = move |changed: BatchDetail| {
                batch.try_update(|b| merge(b, changed));
            };
            match api.watch_batch(&domain_id.get_untracked(), id, on_event) {
                Ok(subscription) => stream.set_value(Some(subscription)),
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });

    let start = {
        let api = api.clone();
        move |_| {
            let api = api.clone();
            let Some((body, _)) = apply.get_untracked() else {
                return;
            };
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api.start_batch(&domain_id.get_untracked(), &body).await {
                    Ok(detail) => batch.set(Some(detail)),
                    Err(e) => error.set(Some(format!("Not applied: {}", e.message()))),
                }
                busy.set(false);
            });
        }
    };
    let show = {
        let api = api.clone();
        move |id: i64| {
            let api = api.clone();
            spawn_local(async move {
                match api.batch(&domain_id.get_untracked(), id).await {
                    Ok(detail) => {
                        stream.set_value(None);
                        batch.set(Some(detail));
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    let steer = move |verb: &'static str| {
        let api = api.clone();
        move |_| {
            let api = api.clone();
            let Some(id) = batch_id.get_untracked() else {
                return;
            };
            error.set(None);
            spawn_local(async move {
                match api.steer_batch(&domain_id.get_untracked(), id, verb).await {
                    Ok(detail) => {
                        stream.set_value(None);
                        batch.set(Some(detail));
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    let (cancel, retry) = (steer("cancel"), steer("retry"));

    let earlier_view = move || {
        let batches = earlier.get().unwrap_or_default();
        (!batches.is_empty()).then(|| {
            let show = show.clone();
            let items = batches
                .into_iter()
                .map(|b| {
                    let show = show.clone();
                    let id = b.id;
                    let line = format!(
                        "Batch {id} by {}: {}, {} of {} rows done, {} failed",
                        b.created_by,
                        b.status.label(),
                        b.counts.done,
                        b.counts.total,
                        b.counts.failed
                    );
                    view! {
                        <li>
                            {line}" "
                            <button type="button" class="button" data-batch=id on:click=move |_| show(id)>"Show"</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <details id="team-earlier">
                    <summary>"Earlier batches of this domain"</summary>
                    <ul>{items}</ul>
                </details>
            }
        })
    };

    view! {
        <section
            class="card"
            aria-labelledby="team-apply-title"
            hidden=move || apply.with(Option::is_none) && batch_id.get().is_none()
        >
            <h2 id="team-apply-title">"Apply"</h2>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" id="team-apply-error">{e}</p> })}
            <Show
                when=move || batch_id.get().is_some()
                fallback=move || view! {
                    <button
                        id="team-apply"
                        type="button"
                        class="button button-primary"
                        disabled=move || busy.get()
                        on:click=start.clone()
                    >
                        {move || format!("Apply {} row(s)", apply.with(|a| a.as_ref().map_or(0, |a| a.1)))}
                    </button>
                }
            >
                {move || batch.get().map(|detail| progress_view(&domain_id.get(), &detail))}
                <div class="actions">
                    <button id="team-cancel" type="button" class="button" hidden=move || finished.get() on:click=cancel.clone()>
                        "Cancel"
                    </button>
                    <button
                        id="team-retry"
                        type="button"
                        class="button"
                        hidden=move || !finished.get() || batch.with(|b| b.as_ref().is_some_and(|b| b.batch.status == BatchStatus::Succeeded))
                        on:click=retry.clone()
                    >
                        "Retry the failed rows"
                    </button>
                </div>
            </Show>
        </section>
        {earlier_view}
    }
}

/// Puts an event's batch and changed rows into the batch shown.
fn merge(shown: &mut Option<BatchDetail>, changed: BatchDetail) {
    match shown {
        Some(detail) if detail.batch.id == changed.batch.id => {
            detail.batch = changed.batch;
            for row in changed.rows {
                match detail.rows.iter_mut().find(|r| r.row == row.row) {
                    Some(old) => *old = row,
                    None => detail.rows.push(row),
                }
            }
        }
        _ => *shown = Some(changed),
    }
}

/// The bar, the counts and a line per row.
fn progress_view(domain: &str, detail: &BatchDetail) -> AnyView {
    let counts = detail.batch.counts;
    let status = detail.batch.status;
    let summary = format!(
        "{}: {} of {} rows done, {} failed, {} cancelled.",
        status.label(),
        counts.done,
        counts.total,
        counts.failed,
        counts.cancelled
    );
    let results = format!(
        "/api/domains/{domain}/batches/{}/results.csv",
        detail.batch.id
    );
    let rows = detail
        .rows
        .iter()
        .map(|row| {
            let said = match row.status {
                RowStatus::Done => row.outcome.clone().unwrap_or_default(),
                RowStatus::Failed => row.error.clone().unwrap_or_default(),
                other => other.label().to_owned(),
            };
            view! {
                <tr data-status=row.status.as_str()>
                    <td>{row.row}</td>
                    <td>{row.name.clone()}</td>
                    <td>{row.status.label()}</td>
                    <td>{said}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <progress id="team-bar" max=counts.total value=counts.settled()></progress>
        <p id="team-batch-status" role="status" data-status=status.as_str()>{summary}</p>
        <a id="team-results" href=results download="">"Download the results (CSV)"</a>
        <table class="table" id="team-batch-table">
            <thead><tr><th>"Row"</th><th>"Name"</th><th>"Status"</th><th>"Outcome"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
