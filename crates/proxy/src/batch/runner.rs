//! Drives one batch from wherever its rows say it is to its end, with the engine the
//! command line uses ([`super::apply`]): each row is written `running` (one more call)
//! before its call and with its outcome after, both under the runner's fence; each row
//! that ended gets an audit entry. A row found `running` when the batch is taken up again
//! had its call in flight when the last runner stopped: it is settled by looking first.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use studio_admin_api::{AuditAction, AuditOutcome, BatchStatus, RowStatus};
use studio_admin_model::{CreateUserProfileRequest, DescribeDomainRequest};
use tokio::sync::watch;

use super::apply::{ApplyOptions, Ledger, Outcome, Work, apply};
use super::concurrency::Window;
use super::engine::Shared;
use crate::identity;
use crate::store::{Fence, NewAuditEntry, OpenRow, RowEnd, StoreError};

/// Runs the batch until every row has ended, it is cancelled, or it is no longer this
/// runner's ([`StoreError::LeaseLost`]: another replica took it over).
pub(super) async fn drive(
    shared: &Shared,
    fence: Fence,
    cancel: watch::Receiver<bool>,
) -> Result<(), StoreError> {
    let id = fence.job_id;
    let Some(detail) = shared.store.batch(id).await? else {
        return Ok(());
    };
    let batch = detail.batch;
    if batch.status != BatchStatus::Running {
        return Ok(());
    }
    let open = shared.store.open_rows(id).await?;
    let ledger = StoreLedger {
        shared,
        fence,
        cancel,
        lost: AtomicBool::new(false),
        domain_id: batch.domain_id.clone(),
        actor: batch.created_by.clone(),
    };
    let mut work = Vec::with_capacity(open.len());
    for row in &open {
        match work_of(row) {
            (w, None) => work.push(w),
            (w, Some(error)) => ledger.record(&w, &Outcome::Failed { error }).await,
        }
    }
    // In an SSO domain the people of created profiles are let into Studio.
    let directory = match find_directory(shared, &batch.domain_id).await {
        Ok(directory) => directory,
        Err(error) => {
            for w in &work {
                ledger
                    .record(
                        w,
                        &Outcome::Failed {
                            error: error.clone(),
                        },
                    )
                    .await;
            }
            work.clear();
            None
        }
    };
    let options = ApplyOptions {
        create_only: batch.create_only,
        directory,
        ..ApplyOptions::default()
    };
    if !work.is_empty() && !batch.cancel_requested {
        apply(&shared.client, work, &options, &ledger).await;
    }
    if ledger.lost.load(Ordering::SeqCst) {
        return Err(StoreError::LeaseLost(id));
    }
    let Some(after) = shared.store.batch(id).await? else {
        return Ok(());
    };
    let counts = after.batch.counts;
    let status = if counts.failed > 0 {
        BatchStatus::Failed
    } else if counts.pending > 0 || counts.running > 0 {
        BatchStatus::Cancelled
    } else {
        BatchStatus::Succeeded
    };
    shared.store.finish_batch(fence, status).await?;
    tracing::info!(
        batch = id,
        status = status.as_str(),
        done = counts.done,
        failed = counts.failed,
        "batch finished"
    );
    Ok(())
}

/// The row as the engine runs it, and why it cannot run when its stored request no
/// longer reads (the row's failure).
fn work_of(row: &OpenRow) -> (Work, Option<String>) {
    let (request, error) = match serde_json::from_str::<CreateUserProfileRequest>(&row.request) {
        Ok(request) => (request, None),
        Err(e) => (
            CreateUserProfileRequest::default(),
            Some(format!("the stored request of the row cannot be read: {e}")),
        ),
    };
    let work = Work {
        row: row.row,
        name: row.name.clone(),
        action: row.action,
        request,
        sent_before: row.calls > 0,
    };
    (work, error)
}

/// The domain's IAM Identity Center directory (`None` for IAM domains), or why it cannot
/// be read.
async fn find_directory(
    shared: &Shared,
    domain_id: &str,
) -> Result<Option<Arc<identity::Directory>>, String> {
    let described = shared
        .client
        .describe_domain(&DescribeDomainRequest {
            domain_id: Some(domain_id.to_owned()),
        })
        .await
        .map_err(|e| format!("cannot describe the domain: {e}"))?;
    identity::discover(&shared.client, &described)
        .await
        .map(|found| found.map(Arc::new))
        .map_err(|e| format!("cannot read the domain's IAM Identity Center: {e}"))
}

/// Writes each row before and after its call, under the runner's fence.
struct StoreLedger<'a> {
    shared: &'a Shared,
    fence: Fence,
    cancel: watch::Receiver<bool>,
    /// A write was refused: the batch is another runner's now; nothing more is sent.
    lost: AtomicBool,
    domain_id: String,
    /// Who started the batch: the rows' audit entries are theirs.
    actor: String,
}

impl StoreLedger<'_> {
    fn stopped(&self) -> bool {
        *self.cancel.borrow() || self.lost.load(Ordering::SeqCst)
    }

    fn lost_on(&self, result: Result<(), StoreError>) -> bool {
        match result {
            Ok(()) => true,
            Err(e) => {
                if matches!(e, StoreError::LeaseLost(_)) {
                    tracing::warn!(
                        batch = self.fence.job_id,
                        "batch taken over by another replica; stopping here"
                    );
                } else {
                    tracing::warn!(batch = self.fence.job_id, error = %e, "cannot record a batch row; stopping (the next lease renewal runs the batch again)");
                }
                self.lost.store(true, Ordering::SeqCst);
                false
            }
        }
    }

    /// Writes the row's end and its audit entry.
    async fn record(&self, work: &Work, outcome: &Outcome) {
        if matches!(outcome, Outcome::Stopped) {
            return;
        }
        let end = RowEnd {
            status: Some(if outcome.failed() {
                RowStatus::Failed
            } else {
                RowStatus::Done
            }),
            outcome: Some(outcome.label().to_owned()).filter(|_| !outcome.failed()),
            profile_arn: outcome.arn().map(str::to_owned),
            access: outcome.access(),
            error: outcome.error().map(str::to_owned),
        };
        let written = self
            .shared
            .store
            .row_ended(self.fence, work.row, &end)
            .await;
        if !self.lost_on(written) {
            return;
        }
        let entry = NewAuditEntry {
            at: self.shared.store.now_ms(),
            actor: self.actor.clone(),
            role: None,
            source_ip: None,
            action: AuditAction::BatchRow,
            domain_id: Some(self.domain_id.clone()),
            target: Some(work.name.clone()),
            arn: end.profile_arn.clone(),
            summary: Some(serde_json::json!({
                "batch": self.fence.job_id,
                "row": work.row,
                "outcome": outcome.label(),
            })),
            outcome: if outcome.failed() {
                AuditOutcome::Failed
            } else {
                AuditOutcome::Ok
            },
            status: if outcome.failed() { 502 } else { 200 },
            message: end.error.clone(),
            request_id: None,
        };
        if let Err(e) = self.shared.store.insert_audit(&entry).await {
            tracing::warn!(batch = self.fence.job_id, row = work.row, error = %e, "cannot write a batch row's audit entry");
        }
    }
}

impl Ledger for StoreLedger<'_> {
    async fn sending(&self, work: &Work) -> bool {
        if self.stopped() {
            return false;
        }
        let written = self.shared.store.row_sending(self.fence, work.row).await;
        self.lost_on(written)
    }

    async fn ended(&self, work: &Work, outcome: &Outcome, _window: &Window) {
        self.record(work, outcome).await;
    }
}
