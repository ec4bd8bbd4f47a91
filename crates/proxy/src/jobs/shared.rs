//! What every runner of an engine shares, and how it tells watchers about whole jobs.

use super::config::JobsConfig;
use super::events::{EventHub, JobEvent};
use super::record::JobDetail;
use crate::sagemaker::SharedClient;
use crate::store::{Store, StoreError};

/// The engine's parts every runner uses.
pub(crate) struct Shared {
    /// The job database.
    pub(crate) store: Store,
    /// How SageMaker is called.
    pub(crate) client: SharedClient,
    /// Pacing and limits.
    pub(crate) config: JobsConfig,
    /// Live progress for watchers.
    pub(crate) events: EventHub,
}

impl Shared {
    /// A job with its steps.
    pub(crate) async fn detail(&self, job_id: i64) -> Result<Option<JobDetail>, StoreError> {
        let Some(job) = self.store.job(job_id).await? else {
            return Ok(None);
        };
        let steps = self.store.steps(job_id).await?;
        Ok(Some(JobDetail { job, steps }))
    }

    /// Sends the whole job to its watchers (after changes of several rows at once).
    pub(crate) async fn publish_snapshot(&self, job_id: i64) -> Result<(), StoreError> {
        if let Some(job) = self.detail(job_id).await? {
            self.events.publish(job_id, JobEvent::Snapshot(job));
        }
        Ok(())
    }
}
