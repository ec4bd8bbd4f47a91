//! The jobs this process runs: one task per job, with its cancel signal and the fence of
//! its lease. A runner whose lease was lost is stopped; a retried job whose runner is
//! still winding down goes round again with its new fence.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::AbortHandle;

use super::runner;
use super::shared::Shared;
use crate::store::{Fence, StoreError};

/// The runner of a job in this process.
struct Slot {
    /// Tells the runner to start no new step.
    cancel: watch::Sender<bool>,
    /// The fence the runner's writes carry (a retry gives a new one).
    fence: Fence,
    /// Set when the job was restarted while its runner was still winding down: the
    /// runner then goes round again instead of exiting.
    again: bool,
    /// Stops the runner's task at its next await (a lost lease, a stop of the process).
    task: Option<AbortHandle>,
}

/// The runners of this process (cheap to share).
pub(crate) struct Runners {
    shared: Arc<Shared>,
    slots: Mutex<HashMap<i64, Slot>>,
}

impl Runners {
    /// No runner yet.
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self {
            shared,
            slots: Mutex::default(),
        }
    }

    /// Runs the job held with `fence` in a task of its own, unless this process runs it
    /// already (then the runner takes the new fence and goes round again).
    pub(crate) fn launch(self: &Arc<Self>, fence: Fence) {
        let id = fence.job_id;
        let cancelled = {
            let mut slots = self.lock();
            if let Some(slot) = slots.get_mut(&id) {
                slot.again = true;
                slot.fence = fence;
                slot.cancel.send_replace(false);
                return;
            }
            let (cancel, cancelled) = watch::channel(false);
            slots.insert(
                id,
                Slot {
                    cancel,
                    fence,
                    again: false,
                    task: None,
                },
            );
            cancelled
        };
        let runners = Arc::clone(self);
        let task = tokio::spawn(async move {
            let mut pause = runners.shared.config.poll.delays();
            let mut fence = fence;
            loop {
                match runner::drive(&runners.shared, fence, &cancelled).await {
                    Ok(()) => {}
                    Err(StoreError::LeaseLost(_)) => {
                        // This process may have claimed the job again meanwhile (its own
                        // lease ran out unrenewed): then go on with the newer fence.
                        match runners.newer_fence(fence) {
                            Some(newer) => {
                                fence = newer;
                                continue;
                            }
                            None => {
                                tracing::warn!(
                                    job = id,
                                    "delete job taken over by another replica; this one stops running it"
                                );
                                return;
                            }
                        }
                    }
                    Err(e) => {
                        // The database failed; its rows still say where the job stands, so
                        // try again after a pause.
                        let wait = pause.next().unwrap_or(Duration::from_secs(30));
                        tracing::error!(job = id, error = %e, wait_ms = wait.as_millis() as u64, "delete job interrupted by a database error");
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                }
                let mut slots = runners.lock();
                match slots.get_mut(&id) {
                    Some(slot) if slot.again => {
                        slot.again = false;
                        fence = slot.fence;
                    }
                    _ => {
                        slots.remove(&id);
                        return;
                    }
                }
            }
        });
        if let Some(slot) = self.lock().get_mut(&id) {
            slot.task = Some(task.abort_handle());
        }
    }

    /// Tells the job's runner to stop starting steps; `false` when this process does not
    /// run the job.
    pub(crate) fn cancel(&self, id: i64) -> bool {
        match self.lock().get(&id) {
            Some(slot) => {
                slot.cancel.send_replace(true);
                true
            }
            None => false,
        }
    }

    /// Whether this process runs the job.
    pub(crate) fn runs(&self, id: i64) -> bool {
        self.lock().contains_key(&id)
    }

    /// The jobs this process runs, with their fences.
    pub(crate) fn held(&self) -> Vec<Fence> {
        self.lock().values().map(|slot| slot.fence).collect()
    }

    /// Stops the runner holding `fence` at once (its lease is lost: whatever it would
    /// write is refused anyway). A runner with a newer fence is left alone.
    pub(crate) fn stop_lost(&self, fence: Fence) {
        let mut slots = self.lock();
        if slots
            .get(&fence.job_id)
            .is_some_and(|slot| slot.fence == fence)
            && let Some(slot) = slots.remove(&fence.job_id)
            && let Some(task) = slot.task
        {
            task.abort();
        }
    }

    /// Stops every runner at its next await (the process is stopping; the jobs stay
    /// `running` for another replica, or the next start, to continue). Returns how many.
    pub(crate) fn stop_all(&self) -> usize {
        let mut slots = self.lock();
        let count = slots.len();
        for (_, slot) in slots.drain() {
            if let Some(task) = slot.task {
                task.abort();
            }
        }
        count
    }

    /// After a write refused for `fence`: the newer fence this process holds for the
    /// job, if it claimed it again; otherwise the runner's slot is dropped.
    fn newer_fence(&self, fence: Fence) -> Option<Fence> {
        let mut slots = self.lock();
        match slots.get_mut(&fence.job_id) {
            Some(slot) if slot.fence != fence => {
                slot.again = false;
                Some(slot.fence)
            }
            Some(_) => {
                slots.remove(&fence.job_id);
                None
            }
            None => None,
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<i64, Slot>> {
        // The map is changed in single statements; a panic cannot leave it half-done.
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
