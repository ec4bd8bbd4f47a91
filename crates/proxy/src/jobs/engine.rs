//! The delete engine's public handle: start a delete (or return the running one), read,
//! list, cancel, retry and watch jobs, resume unfinished ones on start, and plan.

use std::sync::Arc;
use std::time::Duration;

use studio_admin_model::{DeleteUserProfileRequest, Report, Validate};
use tokio::sync::broadcast;
use tokio::task::JoinHandle;
use tokio::time::{Instant, MissedTickBehavior};

use super::config::JobsConfig;
use super::events::{EventHub, JobEvent};
use super::feed::Followed;
use super::leases;
use super::plan::{self, DeletePlan};
use super::record::{Job, JobDetail, JobStatus, StepStatus};
use super::retry::CallStop;
use super::runners::Runners;
use super::shared::Shared;
use super::steps::human_duration;
use crate::sagemaker::{SageMakerError, SharedClient};
use crate::shutdown::Shutdown;
use crate::store::{NewJob, Store, StoreError};

/// How long `GET .../delete-plan` may spend asking SageMaker (with retries).
const PLAN_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest number of jobs one listing returns.
pub const MAX_LISTED_JOBS: i64 = 500;

/// What a caller of the engine can get wrong, or what can fail.
#[derive(Debug, thiserror::Error)]
pub enum JobsError {
    /// The domain id or profile name breaks the model's constraints.
    #[error("the domain id or profile name is not valid")]
    Invalid(Report),
    /// No job has this id.
    #[error("there is no delete job {0}")]
    JobNotFound(i64),
    /// The profile does not exist (for a plan).
    #[error("user profile {profile} does not exist in domain {domain}")]
    ProfileNotFound {
        /// The domain asked for.
        domain: String,
        /// The profile asked for.
        profile: String,
    },
    /// A cancel of a job that has already finished.
    #[error("delete job {id} has already finished ({}); there is nothing to cancel", status.as_str())]
    NotRunning {
        /// The job.
        id: i64,
        /// Its status.
        status: JobStatus,
    },
    /// A retry of a job that is running or succeeded.
    #[error("delete job {id} is {}; only a failed or cancelled job can be retried", status.as_str())]
    NotRetryable {
        /// The job.
        id: i64,
        /// Its status.
        status: JobStatus,
    },
    /// A retry while another job for the same profile runs.
    #[error("another delete job ({other}) is already running for this profile")]
    ProfileBusy {
        /// The running job.
        other: i64,
    },
    /// SageMaker refused or failed a call of the plan (or, when time ran out, the last
    /// thing it said).
    #[error(transparent)]
    SageMaker(SageMakerError),
    /// SageMaker gave no answer to the plan's calls in the time a request may take.
    #[error("SageMaker did not answer the delete plan's calls within {}", human_duration(*.0))]
    PlanTimedOut(Duration),
    /// The job database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Which jobs a listing shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobFilter {
    /// Only this domain's.
    pub domain_id: Option<String>,
    /// Only this profile's (names compare case-insensitively, as in SageMaker).
    pub profile_name: Option<String>,
    /// Only jobs with this status.
    pub status: Option<JobStatus>,
    /// At most this many (newest first); capped at [`MAX_LISTED_JOBS`].
    pub limit: Option<i64>,
}

/// The delete engine: a handle shared by the API handlers (cheap to clone).
#[derive(Clone)]
pub struct JobEngine {
    shared: Arc<Shared>,
    runners: Arc<Runners>,
}

impl std::fmt::Debug for JobEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobEngine")
            .field("store", &self.shared.store)
            .field("config", &self.shared.config)
            .finish_non_exhaustive()
    }
}

impl JobEngine {
    /// An engine keeping its jobs in `store` and calling SageMaker through `client`, under
    /// a replica name of its own. [`JobEngine::start`] keeps its leases and takes over
    /// free jobs; [`JobEngine::resume_unfinished`] claims them once.
    pub fn new(store: Store, client: SharedClient, config: JobsConfig) -> Self {
        let shared = Arc::new(Shared {
            store,
            client,
            config,
            events: EventHub::default(),
            owner: replica_name(),
        });
        Self {
            runners: Arc::new(Runners::new(Arc::clone(&shared))),
            shared,
        }
    }

    /// This replica's name in job leases.
    pub fn owner(&self) -> &str {
        &self.shared.owner
    }

    /// Keeps this replica's leases, takes over jobs nobody holds (at once: the start-up
    /// resume), and follows jobs other replicas run for the watchers here, until
    /// `stopping` begins; then stops the runners and releases their leases so another
    /// replica continues at once. The task ends when all of that is done.
    pub fn start(&self, stopping: Shutdown) -> JoinHandle<()> {
        let engine = self.clone();
        tokio::spawn(async move {
            let mut changes = engine.shared.store.changes().await;
            let mut followed = Followed::default();
            let mut tick = tokio::time::interval(engine.shared.config.lease_tick());
            tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    () = stopping.started() => break,
                    _ = tick.tick() => {
                        if let Err(e) = leases::renew(&engine.shared, &engine.runners).await {
                            tracing::warn!(error = %e, "cannot renew delete job leases");
                        }
                        if let Err(e) = leases::claim(&engine.shared, &engine.runners).await {
                            tracing::warn!(error = %e, "cannot claim delete jobs");
                        }
                    }
                    change = changes.next() => {
                        if let Err(e) = followed.apply(&engine.shared, &engine.runners, change).await {
                            tracing::warn!(error = %e, "cannot follow job changes");
                        }
                    }
                }
            }
            engine.stop().await;
        })
    }

    /// Stops this process's runners and releases their leases (the jobs stay running
    /// for another replica or the next start).
    pub async fn stop(&self) {
        let stopped = self.runners.stop_all();
        match self.shared.store.release_leases(&self.shared.owner).await {
            Ok(released) => tracing::info!(
                stopped,
                released,
                "delete job runners stopped; their jobs are free for another replica"
            ),
            Err(e) => tracing::warn!(
                error = %e,
                "cannot release delete job leases; another replica takes the jobs over when they run out"
            ),
        }
    }

    /// The job database.
    pub fn store(&self) -> &Store {
        &self.shared.store
    }

    /// The engine's settings.
    pub fn config(&self) -> &JobsConfig {
        &self.shared.config
    }

    /// What deleting the profile would remove and keep, read from SageMaker now.
    pub async fn plan(&self, domain_id: &str, profile_name: &str) -> Result<DeletePlan, JobsError> {
        check_names(domain_id, profile_name)?;
        let deadline = Instant::now() + PLAN_REQUEST_TIMEOUT;
        match plan::gather(
            &self.shared.client,
            domain_id,
            profile_name,
            deadline,
            self.shared.config.poll,
        )
        .await
        {
            Ok(Some(plan)) => Ok(plan),
            Ok(None) => Err(JobsError::ProfileNotFound {
                domain: domain_id.to_owned(),
                profile: profile_name.to_owned(),
            }),
            Err(CallStop::Aws(e) | CallStop::TimedOut(Some(e))) => Err(JobsError::SageMaker(e)),
            Err(CallStop::TimedOut(None)) => Err(JobsError::PlanTimedOut(PLAN_REQUEST_TIMEOUT)),
        }
    }

    /// Starts deleting the profile, or returns the job already running for it. The flag
    /// tells whether this call created the job. In SSO domains the job ends by removing
    /// the person's direct Studio access in IAM Identity Center.
    pub async fn delete_profile(
        &self,
        domain_id: &str,
        profile_name: &str,
    ) -> Result<(JobDetail, bool), JobsError> {
        self.delete_profile_with(domain_id, profile_name, false)
            .await
    }

    /// [`Self::delete_profile`], keeping the person's direct Studio access in IAM Identity
    /// Center when `keep_access` (a running job keeps what it was started with).
    pub async fn delete_profile_with(
        &self,
        domain_id: &str,
        profile_name: &str,
        keep_access: bool,
    ) -> Result<(JobDetail, bool), JobsError> {
        check_names(domain_id, profile_name)?;
        let (job, fence) = self
            .shared
            .store
            .create_job(
                &NewJob {
                    domain_id: domain_id.to_owned(),
                    profile_name: profile_name.to_owned(),
                    keep_access,
                },
                &self.shared.terms(),
            )
            .await?;
        if let Some(fence) = fence {
            tracing::info!(
                job = job.id,
                domain = domain_id,
                profile = profile_name,
                "delete job created"
            );
            self.runners.launch(fence);
        }
        Ok((self.job(job.id).await?, fence.is_some()))
    }

    /// One job with its steps.
    pub async fn job(&self, id: i64) -> Result<JobDetail, JobsError> {
        self.shared
            .detail(id)
            .await?
            .ok_or(JobsError::JobNotFound(id))
    }

    /// Jobs, newest first.
    pub async fn jobs(&self, filter: &JobFilter) -> Result<Vec<Job>, JobsError> {
        let limit = filter
            .limit
            .unwrap_or(MAX_LISTED_JOBS)
            .clamp(1, MAX_LISTED_JOBS);
        Ok(self
            .shared
            .store
            .jobs(
                filter.domain_id.as_deref(),
                filter.profile_name.as_deref(),
                filter.status,
                limit,
            )
            .await?)
    }

    /// Asks a running job to stop: no new step starts, waits stop, and what AWS is already
    /// deleting goes on. The job turns `cancelled` once its running calls have returned.
    /// The request is recorded in the database: the replica running the job obeys it
    /// (at once here, within moments on another replica).
    pub async fn cancel(&self, id: i64) -> Result<JobDetail, JobsError> {
        let Some(job) = self.shared.store.request_cancel(id).await? else {
            let job = self.job(id).await?;
            return Err(JobsError::NotRunning {
                id,
                status: job.job.status,
            });
        };
        if self.runners.cancel(id) {
            self.shared.events.publish(id, JobEvent::Job(job));
        } else if let Some(claimed) = self
            .shared
            .store
            .claim_job(&self.shared.terms(), id)
            .await?
        {
            // Nobody holds the job (its replica died or stopped): nothing runs it, so
            // it is over.
            self.shared
                .store
                .finish_job(
                    claimed.fence,
                    JobStatus::Cancelled,
                    None,
                    None,
                    StepStatus::Cancelled,
                )
                .await?;
            self.shared.publish_snapshot(id).await?;
            self.shared.events.forget(id);
        }
        self.job(id).await
    }

    /// Restarts a failed or cancelled job: a new round, planned afresh from what SageMaker
    /// holds now (steps done before are not repeated; their resources are gone).
    pub async fn retry(&self, id: i64) -> Result<JobDetail, JobsError> {
        match self
            .shared
            .store
            .restart_job(id, &self.shared.terms())
            .await
        {
            Ok(Some((_, fence))) => {
                tracing::info!(job = id, "delete job retried");
                self.runners.launch(fence);
                self.shared.publish_snapshot(id).await?;
                self.job(id).await
            }
            Ok(None) => {
                let job = self.job(id).await?;
                Err(JobsError::NotRetryable {
                    id,
                    status: job.job.status,
                })
            }
            Err(e) if crate::store::is_running_job_conflict(&e) => {
                let job = self.job(id).await?.job;
                let running = self
                    .shared
                    .store
                    .jobs(
                        Some(&job.domain_id),
                        Some(&job.profile_name),
                        Some(JobStatus::Running),
                        1,
                    )
                    .await?;
                Err(JobsError::ProfileBusy {
                    other: running.first().map(|j| j.id).unwrap_or_default(),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Claims the running jobs nobody holds (after a restart, a crash, or a replica's
    /// stop) and starts their runners. Returns their ids. A job another replica holds is
    /// left to it until its lease runs out.
    pub async fn resume_unfinished(&self) -> Result<Vec<i64>, JobsError> {
        let mut ids = Vec::new();
        loop {
            let batch = leases::claim(&self.shared, &self.runners).await?;
            if batch.is_empty() {
                return Ok(ids);
            }
            ids.extend(batch);
        }
    }

    /// Changes to the job from now on (read the job afterwards for its current state).
    pub fn subscribe(&self, id: i64) -> broadcast::Receiver<JobEvent> {
        self.shared.events.subscribe(id)
    }

    /// Waits until the job has finished and returns it.
    pub async fn wait_finished(&self, id: i64) -> Result<JobDetail, JobsError> {
        loop {
            let mut events = self.subscribe(id);
            let detail = self.job(id).await?;
            if detail.job.status.is_finished() {
                return Ok(detail);
            }
            loop {
                match events.recv().await {
                    Ok(JobEvent::Snapshot(job)) if job.job.status.is_finished() => break,
                    Ok(JobEvent::Job(job)) if job.status.is_finished() => break,
                    Ok(_) => {}
                    // Fell behind or the channel went away: read the job again.
                    Err(_) => break,
                }
            }
        }
    }
}

/// A name for this process in job leases, unique among replicas: host, process id and a
/// random part (a restarted process is a new replica).
fn replica_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_owned())
        })
        .unwrap_or_else(|| "host".to_owned());
    format!(
        "{host}:{}:{:08x}",
        std::process::id(),
        rand::random::<u32>()
    )
}

/// Refuses names SageMaker would refuse, before anything is stored.
fn check_names(domain_id: &str, profile_name: &str) -> Result<(), JobsError> {
    let report = DeleteUserProfileRequest {
        domain_id: Some(domain_id.to_owned()),
        user_profile_name: Some(profile_name.to_owned()),
    }
    .check_model();
    if report.has_errors() {
        return Err(JobsError::Invalid(report));
    }
    Ok(())
}
