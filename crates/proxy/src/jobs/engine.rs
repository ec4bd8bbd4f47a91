//! The delete engine's public handle: start a delete (or return the running one), read,
//! list, cancel, retry and watch jobs, resume unfinished ones on start, and plan.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use studio_admin_model::{DeleteUserProfileRequest, Report, Validate};
use tokio::sync::{broadcast, watch};
use tokio::time::Instant;

use super::config::JobsConfig;
use super::events::{EventHub, JobEvent};
use super::plan::{self, DeletePlan};
use super::record::{Job, JobDetail, JobStatus, StepStatus};
use super::retry::CallStop;
use super::runner;
use super::shared::Shared;
use super::steps::human_duration;
use crate::sagemaker::{SageMakerError, SharedClient};
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

/// The runner of a job in this process.
struct Slot {
    /// Tells the runner to start no new step.
    cancel: watch::Sender<bool>,
    /// Set when the job was restarted while its runner was still winding down: the
    /// runner then goes round again instead of exiting.
    again: bool,
}

/// The delete engine: a handle shared by the API handlers (cheap to clone).
#[derive(Clone)]
pub struct JobEngine {
    shared: Arc<Shared>,
    runners: Arc<Mutex<HashMap<i64, Slot>>>,
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
    /// An engine keeping its jobs in `store` and calling SageMaker through `client`. Call
    /// [`JobEngine::resume_unfinished`] once at start.
    pub fn new(store: Store, client: SharedClient, config: JobsConfig) -> Self {
        Self {
            shared: Arc::new(Shared {
                store,
                client,
                config,
                events: EventHub::default(),
            }),
            runners: Arc::default(),
        }
    }

    /// An engine whose jobs live in the SQLite file `db` (created if missing; the
    /// `--db` flag), or in memory when `None` (nothing survives a restart then).
    pub async fn open(
        db: Option<&Path>,
        client: SharedClient,
        config: JobsConfig,
    ) -> Result<Self, StoreError> {
        let store = match db {
            Some(path) => Store::open(path).await?,
            None => Store::in_memory().await?,
        };
        Ok(Self::new(store, client, config))
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
    /// tells whether this call created the job.
    pub async fn delete_profile(
        &self,
        domain_id: &str,
        profile_name: &str,
    ) -> Result<(JobDetail, bool), JobsError> {
        check_names(domain_id, profile_name)?;
        let (job, created) = self
            .shared
            .store
            .create_job(&NewJob {
                domain_id: domain_id.to_owned(),
                profile_name: profile_name.to_owned(),
            })
            .await?;
        if created {
            tracing::info!(
                job = job.id,
                domain = domain_id,
                profile = profile_name,
                "delete job created"
            );
            self.launch(job.id);
        }
        Ok((self.job(job.id).await?, created))
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
    pub async fn cancel(&self, id: i64) -> Result<JobDetail, JobsError> {
        let Some(job) = self.shared.store.request_cancel(id).await? else {
            let job = self.job(id).await?;
            return Err(JobsError::NotRunning {
                id,
                status: job.job.status,
            });
        };
        let signalled = match self.lock_runners().get(&id) {
            Some(slot) => {
                slot.cancel.send_replace(true);
                true
            }
            None => false,
        };
        if signalled {
            self.shared.events.publish(id, JobEvent::Job(job));
        } else {
            // No runner here (the job was never resumed): nothing runs, so it is over.
            self.shared
                .store
                .finish_job(id, JobStatus::Cancelled, None, None, StepStatus::Cancelled)
                .await?;
            self.shared.publish_snapshot(id).await?;
        }
        self.job(id).await
    }

    /// Restarts a failed or cancelled job: a new round, planned afresh from what SageMaker
    /// holds now (steps done before are not repeated; their resources are gone).
    pub async fn retry(&self, id: i64) -> Result<JobDetail, JobsError> {
        match self.shared.store.restart_job(id).await {
            Ok(Some(_)) => {
                tracing::info!(job = id, "delete job retried");
                self.launch(id);
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

    /// Starts a runner for every job the database says is running (after a restart or a
    /// crash). Returns their ids.
    pub async fn resume_unfinished(&self) -> Result<Vec<i64>, JobsError> {
        let jobs = self.shared.store.running_jobs().await?;
        let ids: Vec<i64> = jobs.iter().map(|j| j.id).collect();
        for id in &ids {
            tracing::info!(job = id, "resuming delete job");
            self.launch(*id);
        }
        Ok(ids)
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

    /// Runs the job in a task of its own, unless this process runs it already.
    fn launch(&self, id: i64) {
        let cancelled = {
            let mut runners = self.lock_runners();
            if let Some(slot) = runners.get_mut(&id) {
                slot.again = true;
                slot.cancel.send_replace(false);
                return;
            }
            let (cancel, cancelled) = watch::channel(false);
            runners.insert(
                id,
                Slot {
                    cancel,
                    again: false,
                },
            );
            cancelled
        };
        let shared = Arc::clone(&self.shared);
        let runners = Arc::clone(&self.runners);
        tokio::spawn(async move {
            let mut pause = shared.config.poll.delays();
            loop {
                if let Err(e) = runner::drive(&shared, id, &cancelled).await {
                    // The database failed; its rows still say where the job stands, so
                    // try again after a pause (the next start would resume it anyway).
                    let wait = pause.next().unwrap_or(Duration::from_secs(30));
                    tracing::error!(job = id, error = %e, wait_ms = wait.as_millis() as u64, "delete job interrupted by a database error");
                    tokio::time::sleep(wait).await;
                    continue;
                }
                let again = {
                    let mut runners = runners.lock().unwrap_or_else(PoisonError::into_inner);
                    match runners.get_mut(&id) {
                        Some(slot) if slot.again => {
                            slot.again = false;
                            true
                        }
                        _ => {
                            runners.remove(&id);
                            false
                        }
                    }
                };
                if !again {
                    return;
                }
            }
        });
    }

    fn lock_runners(&self) -> MutexGuard<'_, HashMap<i64, Slot>> {
        // The map is changed in single statements; a panic cannot leave it half-done.
        self.runners.lock().unwrap_or_else(PoisonError::into_inner)
    }
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
