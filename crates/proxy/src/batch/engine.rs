//! Team files applied on the server as durable batches: the handle the routes use
//! (start, read, cancel, retry) and the replica's lease loop.
//!
//! A batch and its rows live in the database (`store/batches.rs`). The replica that
//! starts or retries a batch holds its lease and runs it ([`super::runner`]); every
//! sixth of the lease it renews its leases (passing on cancels asked on any replica, and
//! running again a batch of its own whose runner stopped on a database error) and
//! claims running batches whose lease ran out: a replica that died or was killed, or
//! this one's own batches after a restart. The new runner settles rows whose call was in
//! flight by looking at the profile first, so nothing is created twice.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use studio_admin_api::{Batch, BatchDetail};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

use super::runner;
use crate::sagemaker::SharedClient;
use crate::shutdown::Shutdown;
use crate::store::{Fence, LeaseTerms, NewBatch, Store, StoreError};

/// The most batches `GET /api/domains/{domain}/batches` lists.
pub const MAX_LISTED_BATCHES: i64 = 50;

/// Why a batch could not be read or steered.
#[derive(Debug, thiserror::Error)]
pub enum BatchesError {
    /// No batch has that id (in that domain).
    #[error("no batch {0}")]
    NotFound(i64),
    /// Retry was asked of a batch still running.
    #[error("batch {0} is still running; cancel it or wait for it to finish before retrying")]
    StillRunning(i64),
    /// Cancel was asked of a batch that has finished.
    #[error("batch {0} has finished; there is nothing to cancel")]
    Finished(i64),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the engine's runners share.
pub(super) struct Shared {
    /// Where batches are kept.
    pub(super) store: Store,
    /// How SageMaker is called.
    pub(super) client: SharedClient,
    /// This replica's name in leases (the delete jobs' name: one per process).
    pub(super) owner: String,
    /// How long a lease lasts.
    pub(super) lease: Duration,
    /// The batches this process runs, by id.
    running: Mutex<HashMap<i64, Held>>,
}

/// A batch this process runs.
struct Held {
    /// The fence its runner was given.
    fence: Fence,
    /// Tells the runner to start no more rows.
    cancel: watch::Sender<bool>,
    /// The runner.
    task: JoinHandle<()>,
}

impl Shared {
    /// The terms on which this replica holds a batch.
    pub(super) fn terms(&self) -> LeaseTerms {
        LeaseTerms {
            owner: self.owner.clone(),
            lease_ms: i64::try_from(self.lease.as_millis()).unwrap_or(i64::MAX),
        }
    }

    /// The batches this process runs (a poisoned lock still holds a usable map).
    fn running(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Held>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The batches of this process (cheap to clone).
#[derive(Clone)]
pub struct BatchEngine {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for BatchEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchEngine")
            .field("owner", &self.shared.owner)
            .finish_non_exhaustive()
    }
}

impl BatchEngine {
    /// An engine keeping batches in `store`, calling SageMaker through `client`, holding
    /// leases as `owner` for `lease`.
    pub fn new(store: Store, client: SharedClient, owner: &str, lease: Duration) -> Self {
        Self {
            shared: Arc::new(Shared {
                store,
                client,
                owner: owner.to_owned(),
                lease,
                running: Mutex::default(),
            }),
        }
    }

    /// Keeps leases and claims free batches (at once: the start-up resume) until
    /// `stopping` begins; then stops the runners and releases their leases, so another
    /// replica continues at once.
    pub fn start(&self, stopping: Shutdown) -> JoinHandle<()> {
        let engine = self.clone();
        tokio::spawn(async move {
            let every = (engine.shared.lease / 6).max(Duration::from_millis(50));
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    () = stopping.started() => break,
                    _ = tick.tick() => {
                        if let Err(e) = engine.keep_leases().await {
                            tracing::warn!(error = %e, "cannot renew or claim batch leases");
                        }
                    }
                }
            }
            engine.stop().await;
        })
    }

    /// Stops this process's runners and releases their leases.
    pub async fn stop(&self) {
        for (_, held) in self.shared.running().drain() {
            held.task.abort();
        }
        if let Err(e) = self.shared.store.release_batches(&self.shared.owner).await {
            tracing::warn!(error = %e, "cannot release batch leases; they run out by themselves");
        }
    }

    /// One tick: renew, pass on cancels, stop runners that lost their batch, claim.
    async fn keep_leases(&self) -> Result<(), StoreError> {
        let terms = self.shared.terms();
        let renewed = self.shared.store.renew_batches(&terms).await?;
        {
            let mut running = self.shared.running();
            running.retain(|id, held| {
                if held.task.is_finished() {
                    return false;
                }
                match renewed.iter().find(|r| r.fence.job_id == *id) {
                    Some(lease) if lease.fence == held.fence => {
                        if lease.cancel_requested {
                            held.cancel.send_replace(true);
                        }
                        true
                    }
                    // Finished (the runner ends by itself) or taken over by another.
                    _ => {
                        held.task.abort();
                        false
                    }
                }
            });
        }
        // A batch still ours whose runner stopped early (the database failed under it)
        // would otherwise keep its renewed lease with nobody running it: run it again.
        for lease in &renewed {
            self.launch(lease.fence);
        }
        for fence in self.shared.store.claim_batches(&terms).await? {
            tracing::info!(batch = fence.job_id, "running a batch whose lease was free");
            self.launch(fence);
        }
        Ok(())
    }

    /// Runs the batch `fence` names in a task of its own, unless a runner of that fence is
    /// running here already (a batch just started, renewed in the same moment).
    fn launch(&self, fence: Fence) {
        let mut running = self.shared.running();
        if running
            .get(&fence.job_id)
            .is_some_and(|held| held.fence == fence && !held.task.is_finished())
        {
            return;
        }
        let (cancel, heard) = watch::channel(false);
        let shared = Arc::clone(&self.shared);
        let task = tokio::spawn(async move {
            if let Err(e) = runner::drive(&shared, fence, heard).await {
                tracing::warn!(batch = fence.job_id, error = %e, "batch runner stopped");
            }
        });
        let held = Held {
            fence,
            cancel,
            task,
        };
        if let Some(old) = running.insert(fence.job_id, held) {
            old.task.abort();
        }
    }

    /// Stores the batch and starts running it here.
    pub async fn create(&self, new: &NewBatch) -> Result<BatchDetail, BatchesError> {
        let (detail, fence) = self
            .shared
            .store
            .create_batch(new, &self.shared.terms())
            .await?;
        self.launch(fence);
        Ok(detail)
    }

    /// The batch `id` of `domain_id` with its rows.
    pub async fn batch(&self, domain_id: &str, id: i64) -> Result<BatchDetail, BatchesError> {
        match self.shared.store.batch(id).await? {
            Some(detail) if detail.batch.domain_id == domain_id => Ok(detail),
            _ => Err(BatchesError::NotFound(id)),
        }
    }

    /// The domain's batches, newest first.
    pub async fn batches(&self, domain_id: &str) -> Result<Vec<Batch>, BatchesError> {
        Ok(self
            .shared
            .store
            .batches(domain_id, MAX_LISTED_BATCHES)
            .await?)
    }

    /// Asks the batch to start no more rows (rows in flight finish).
    pub async fn cancel(&self, domain_id: &str, id: i64) -> Result<BatchDetail, BatchesError> {
        self.batch(domain_id, id).await?;
        if !self.shared.store.cancel_batch(id).await? {
            return Err(BatchesError::Finished(id));
        }
        if let Some(held) = self.shared.running().get(&id) {
            held.cancel.send_replace(true);
        }
        self.batch(domain_id, id).await
    }

    /// Runs the finished batch's failed and cancelled rows again, here.
    pub async fn retry(&self, domain_id: &str, id: i64) -> Result<BatchDetail, BatchesError> {
        self.batch(domain_id, id).await?;
        let fence = self
            .shared
            .store
            .retry_batch(id, &self.shared.terms())
            .await?
            .ok_or(BatchesError::StillRunning(id))?;
        self.launch(fence);
        self.batch(domain_id, id).await
    }
}
