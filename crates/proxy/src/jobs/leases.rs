//! Keeping and taking leases: each tick renews the leases of the jobs this process runs
//! (passing on cancels asked on any replica), stops a runner whose job was taken over,
//! and claims running jobs nobody holds any more (a replica died, or stopped and released
//! them): start-up resume is the same claim.

use std::sync::Arc;

use super::runners::Runners;
use super::shared::Shared;
use crate::store::StoreError;

/// How many free jobs one tick claims at most: a replica that takes over a crowd of jobs
/// takes them a batch per tick, leaving some for the others.
const CLAIM_BATCH: i64 = 16;

/// Renews this process's leases, obeys cancels and stops runners whose lease is lost.
pub(crate) async fn renew(shared: &Shared, runners: &Runners) -> Result<(), StoreError> {
    let renewed = shared.store.renew_leases(&shared.terms()).await?;
    for lease in &renewed {
        if lease.cancel_requested {
            runners.cancel(lease.fence.job_id);
        }
    }
    for held in runners.held() {
        if renewed.iter().any(|r| r.fence == held) {
            continue;
        }
        // Not renewed: finished meanwhile (its runner ends by itself), or claimed by
        // another replica after this one's lease ran out.
        if shared
            .store
            .running_fence(held.job_id)
            .await?
            .is_some_and(|fence| fence != held.token)
        {
            tracing::warn!(
                job = held.job_id,
                "lease of a delete job lost to another replica; stopping its runner here"
            );
            runners.stop_lost(held);
        }
    }
    Ok(())
}

/// Claims the running jobs nobody holds and starts their runners; returns their ids.
pub(crate) async fn claim(shared: &Shared, runners: &Arc<Runners>) -> Result<Vec<i64>, StoreError> {
    let claimed = shared
        .store
        .claim_jobs(&shared.terms(), CLAIM_BATCH)
        .await?;
    let mut ids = Vec::with_capacity(claimed.len());
    for job in claimed {
        match &job.taken_from {
            Some(previous) if *previous != shared.owner => {
                crate::metrics::lease_taken_over();
                tracing::info!(job = job.fence.job_id, from = %previous, "took over a delete job whose lease ran out");
            }
            _ => tracing::info!(job = job.fence.job_id, "resuming delete job"),
        }
        ids.push(job.fence.job_id);
        runners.launch(job.fence);
    }
    Ok(ids)
}
