//! Live progress: one broadcast channel per watched job. Every change a runner writes is
//! sent as it is stored, so a watcher that starts from a snapshot and applies the changes
//! in order always shows what the database holds.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::broadcast;

pub use studio_admin_api::JobEvent;

/// How many changes a slow watcher may fall behind before it is sent a fresh snapshot.
const CHANNEL_CAPACITY: usize = 256;

/// The channels of the jobs someone is watching.
#[derive(Debug, Default)]
pub struct EventHub {
    channels: Mutex<HashMap<i64, broadcast::Sender<JobEvent>>>,
}

impl EventHub {
    /// Starts watching a job's changes (subscribe before reading the snapshot, so that no
    /// change falls between the two).
    pub fn subscribe(&self, job_id: i64) -> broadcast::Receiver<JobEvent> {
        let mut channels = self.lock();
        channels
            .entry(job_id)
            .or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0)
            .subscribe()
    }

    /// Sends a change to the job's watchers, if any; forgets the channel once nobody
    /// watches.
    pub fn publish(&self, job_id: i64, event: JobEvent) {
        let mut channels = self.lock();
        if let Some(sender) = channels.get(&job_id)
            && sender.send(event).is_err()
        {
            channels.remove(&job_id);
        }
    }

    /// Forgets a finished job's channel: its watchers get what was sent, then the end.
    pub fn forget(&self, job_id: i64) {
        self.lock().remove(&job_id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, broadcast::Sender<JobEvent>>> {
        // A panic while holding this lock cannot leave the map half-changed.
        self.channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
