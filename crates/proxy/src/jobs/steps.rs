//! What every step shares: its state written before and after each SageMaker call, calls
//! retried until the step's deadline, and the wait until AWS has finished.
//!
//! The wait polls with backoff until the resource is gone (done), broken (failed), or the
//! deadline passes (failed, naming the last thing AWS said). A resource still live two
//! polls after its delete was accepted (a lost delete, or a restarted app) is sent the
//! delete again. A cancel stops the waiting; what AWS is deleting goes on without us.

use std::future::Future;
use std::time::Duration;

use tokio::sync::{Semaphore, watch};
use tokio::time::{Instant, sleep_until};

use super::events::JobEvent;
use super::record::{Job, JobError, Phase, Step, StepKind, StepStatus};
use super::retry::{CallStop, call_patiently, said};
use super::shared::Shared;
use crate::sagemaker::{SageMakerClient, SageMakerError};
use crate::store::{Fence, StepUpdate, StoreError};

/// How long a call made at a step's deadline may take to answer.
pub(crate) const LAST_LOOK: Duration = Duration::from_secs(5);

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StepEnd {
    /// Its resource is gone (or needs nothing more).
    Done,
    /// It failed; the job fails with this.
    Failed(JobError),
    /// The job was cancelled before or while it ran.
    Cancelled,
    /// AWS refused because something new appeared: the job must plan again.
    Replan {
        /// The step that found out.
        step_id: i64,
        /// What AWS said.
        reason: String,
    },
}

/// What a poll found.
pub(crate) enum Probe {
    /// The resource is gone (or settled); the step is done with this outcome.
    Gone(String),
    /// Still going; what AWS says now.
    Pending(String),
    /// The resource ended in a state a retry cannot fix by waiting.
    Broken(String),
    /// Something new appeared; plan again.
    Replan(String),
    /// The resource is live although its delete was accepted: the delete was lost (a
    /// backend that restarted) or the resource was started again. Ask again.
    Live(String),
}

/// What the wait does with a resource seen live twice: send the delete again, and whether
/// two refusals in a row as "in use" mean something new depends on it (plan again).
pub(crate) struct Resend<R> {
    /// Sends the delete.
    pub(crate) send: R,
    /// Whether being refused twice as in use means planning again.
    pub(crate) in_use_replans: bool,
}

/// Runs the steps of one job: the job, its cancel signal, and the record of each step.
pub(crate) struct StepRunner<'a> {
    pub(crate) shared: &'a Shared,
    pub(crate) job: &'a Job,
    /// The fence every write of this runner carries.
    pub(crate) fence: Fence,
    pub(crate) cancel: watch::Receiver<bool>,
    /// Bounds how many delete steps of the job run at once.
    pub(crate) permits: Semaphore,
}

impl StepRunner<'_> {
    /// Whether the job was asked to cancel.
    pub(crate) fn cancelled(&self) -> bool {
        *self.cancel.borrow()
    }

    /// The signed SageMaker client.
    pub(crate) fn client(&self) -> &SageMakerClient {
        &self.shared.client
    }

    /// How long a step of this kind may take.
    pub(crate) fn timeout(&self, kind: StepKind) -> Duration {
        let config = &self.shared.config;
        match kind {
            StepKind::DeleteSpace => config.space_timeout,
            StepKind::DeleteProfile => config.profile_timeout,
            StepKind::Plan | StepKind::RemoveAccess => config.plan_timeout,
            StepKind::DeleteApp | StepKind::WaitApps => config.app_timeout,
        }
    }

    /// When a step of this kind starting now must be over.
    pub(crate) fn deadline(&self, kind: StepKind) -> Instant {
        Instant::now() + self.timeout(kind)
    }

    /// Sends a delete request: the call is counted (written) before it is sent and the
    /// answer is returned for the caller to record.
    pub(crate) async fn send_delete<F, Fut>(
        &self,
        step: &Step,
        deadline: Instant,
        call: F,
    ) -> Result<Result<(), CallStop>, StoreError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<(), SageMakerError>>,
    {
        self.update(
            step.id,
            StepUpdate {
                add_call: true,
                ..Default::default()
            },
        )
        .await?;
        Ok(self.patiently(deadline, call).await)
    }

    /// A call retried after transient failures until `deadline`.
    pub(crate) async fn patiently<T, F, Fut>(
        &self,
        deadline: Instant,
        call: F,
    ) -> Result<T, CallStop>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, SageMakerError>>,
    {
        // A call at (or just before) the deadline still gets a moment for its answer, so
        // that the last poll of a wait is a real look rather than an instant timeout.
        let deadline = deadline.max(Instant::now() + LAST_LOOK);
        call_patiently(call, deadline, self.shared.config.poll).await
    }

    /// Records that AWS accepted the delete (or was deleting already): from now on only
    /// the wait remains, also after a restart.
    pub(crate) async fn accepted(&self, step: &Step) -> Result<Step, StoreError> {
        self.update(
            step.id,
            StepUpdate {
                phase: Some(Phase::Wait),
                detail: Some("delete accepted; waiting until it is gone".to_owned()),
                ..Default::default()
            },
        )
        .await
    }

    /// Polls with backoff until the probe says gone (done), broken (failed) or the deadline
    /// passes (failed, naming the last thing AWS said). A cancel stops the waiting: what
    /// AWS is deleting goes on without us.
    pub(crate) async fn wait<F, Fut, R, RFut>(
        &self,
        step: &Step,
        deadline: Instant,
        mut probe: F,
        mut resend: Resend<R>,
    ) -> Result<StepEnd, StoreError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Probe, CallStop>>,
        R: FnMut() -> RFut,
        RFut: Future<Output = Result<(), SageMakerError>>,
    {
        let mut delays = self.shared.config.poll.delays();
        let mut last = step.detail.clone();
        // Polls in a row that found the resource live, and refusals of a repeated delete.
        let (mut live_polls, mut refusals) = (0, 0);
        loop {
            let probed = probe().await;
            if !matches!(probed, Ok(Probe::Live(_))) {
                live_polls = 0;
            }
            match probed {
                Ok(Probe::Gone(outcome)) => return self.done(step, &outcome).await,
                Ok(Probe::Broken(reason)) => return self.fail(step, reason).await,
                Ok(Probe::Replan(reason)) => return self.replan(step, reason).await,
                // Seen live twice in a row: not a moment of AWS's eventual consistency right
                // after the delete was accepted, but a lost delete or a restarted resource.
                Ok(Probe::Live(detail)) if live_polls == 0 => {
                    live_polls += 1;
                    self.note(step, &mut last, detail).await?;
                }
                Ok(Probe::Live(detail)) => {
                    live_polls = 0;
                    let detail = format!("{detail} again; delete sent again");
                    self.update(
                        step.id,
                        StepUpdate {
                            add_call: true,
                            detail: Some(detail.clone()),
                            ..Default::default()
                        },
                    )
                    .await?;
                    last = Some(detail);
                    match self.patiently(deadline, &mut resend.send).await {
                        // Gone or going: the next poll says which.
                        Ok(()) => refusals = 0,
                        Err(CallStop::Aws(e)) if e.is_not_found() => refusals = 0,
                        // An app "already being deleted" is what we want. A space or a
                        // profile refused twice running is in use by something new.
                        Err(CallStop::Aws(e)) if e.is_in_use() => {
                            refusals += 1;
                            if resend.in_use_replans && refusals >= 2 {
                                return self.replan(step, said(&e)).await;
                            }
                        }
                        Err(CallStop::Aws(e)) => return self.fail(step, said(&e)).await,
                        Err(stop) => {
                            return self
                                .fail(step, self.timed_out(step, &stop.describe()))
                                .await;
                        }
                    }
                }
                Ok(Probe::Pending(detail)) => self.note(step, &mut last, detail).await?,
                Err(CallStop::Aws(e)) => return self.fail(step, said(&e)).await,
                Err(stop @ CallStop::TimedOut(_)) => {
                    let said = match (&stop, &last) {
                        (CallStop::TimedOut(None), Some(detail)) => detail.clone(),
                        _ => stop.describe(),
                    };
                    return self.fail(step, self.timed_out(step, &said)).await;
                }
            }
            let now = Instant::now();
            if now >= deadline {
                let said = last.as_deref().unwrap_or("nothing yet").to_owned();
                return self.fail(step, self.timed_out(step, &said)).await;
            }
            // The last poll falls on the deadline itself, so the full time is given.
            let wake = (now + delays.next().unwrap_or(Duration::from_secs(1))).min(deadline);
            if self.cancelled_while_sleeping_until(wake).await {
                self.update(
                    step.id,
                    StepUpdate {
                        status: Some(StepStatus::Cancelled),
                        outcome: Some(
                            "stopped waiting: the job was cancelled (AWS goes on deleting)"
                                .to_owned(),
                        ),
                        finished: true,
                        ..Default::default()
                    },
                )
                .await?;
                return Ok(StepEnd::Cancelled);
            }
        }
    }

    /// Records what AWS says now, unless it said just that last time.
    async fn note(
        &self,
        step: &Step,
        last: &mut Option<String>,
        detail: String,
    ) -> Result<(), StoreError> {
        if last.as_deref() != Some(detail.as_str()) {
            self.update(
                step.id,
                StepUpdate {
                    detail: Some(detail.clone()),
                    ..Default::default()
                },
            )
            .await?;
            *last = Some(detail);
        }
        Ok(())
    }

    /// Sleeps until `wake`; whether a cancel came first.
    async fn cancelled_while_sleeping_until(&self, wake: Instant) -> bool {
        tokio::select! {
            () = sleep_until(wake) => false,
            () = self.until_cancelled() => true,
        }
    }

    /// Resolves once the job is asked to cancel (never, when nobody can cancel any more).
    pub(crate) async fn until_cancelled(&self) {
        let mut cancel = self.cancel.clone();
        if cancel.wait_for(|c| *c).await.is_err() {
            std::future::pending::<()>().await;
        }
    }

    /// Closes a step the cancel stopped in the middle of a call.
    pub(crate) async fn stopped_by_cancel(&self, step: &Step) -> Result<StepEnd, StoreError> {
        self.update(
            step.id,
            StepUpdate {
                status: Some(StepStatus::Cancelled),
                outcome: Some(
                    "stopped: the job was cancelled (what AWS was already doing goes on)"
                        .to_owned(),
                ),
                finished: true,
                ..Default::default()
            },
        )
        .await?;
        Ok(StepEnd::Cancelled)
    }

    /// Why a step failed when its time ran out: its limit, its resource, and `said`.
    pub(crate) fn timed_out(&self, step: &Step, said: &str) -> String {
        format!(
            "timed out after {} waiting for {} to be deleted; AWS last said: {said}",
            human_duration(self.timeout(step.kind)),
            step.resource
        )
    }

    /// Stores a change to a step and tells the job's watchers.
    pub(crate) async fn update(&self, id: i64, update: StepUpdate) -> Result<Step, StoreError> {
        let step = self
            .shared
            .store
            .update_step(self.fence, id, &update)
            .await?;
        self.shared
            .events
            .publish(self.job.id, JobEvent::Step(step.clone()));
        Ok(step)
    }

    /// Marks a step running (also when a restart continues it).
    pub(crate) async fn start(&self, step: &Step) -> Result<Step, StoreError> {
        self.update(
            step.id,
            StepUpdate {
                status: Some(StepStatus::Running),
                started: true,
                ..Default::default()
            },
        )
        .await
    }

    /// Closes a step as done with `outcome`.
    pub(crate) async fn done(&self, step: &Step, outcome: &str) -> Result<StepEnd, StoreError> {
        self.update(
            step.id,
            StepUpdate {
                status: Some(StepStatus::Done),
                outcome: Some(outcome.to_owned()),
                finished: true,
                ..Default::default()
            },
        )
        .await?;
        Ok(StepEnd::Done)
    }

    /// Closes a step as failed; the job fails with its error.
    pub(crate) async fn fail(&self, step: &Step, reason: String) -> Result<StepEnd, StoreError> {
        Ok(StepEnd::Failed(self.failed(step.id, reason).await?))
    }

    /// Closes the step `id` as failed and returns the error the job fails with.
    pub(crate) async fn failed(&self, id: i64, reason: String) -> Result<JobError, StoreError> {
        let step = self
            .update(
                id,
                StepUpdate {
                    status: Some(StepStatus::Failed),
                    error: Some(reason.clone()),
                    finished: true,
                    ..Default::default()
                },
            )
            .await?;
        Ok(JobError {
            step: step.kind,
            resource: step.resource,
            reason,
        })
    }

    /// Tells the runner to plan again because of what this step found.
    pub(crate) async fn replan(&self, step: &Step, reason: String) -> Result<StepEnd, StoreError> {
        // The step stays running until the runner closes it together with the start of the
        // next round (one transaction), so a restart in between repeats this step.
        self.update(
            step.id,
            StepUpdate {
                detail: Some(reason.clone()),
                ..Default::default()
            },
        )
        .await?;
        Ok(StepEnd::Replan {
            step_id: step.id,
            reason,
        })
    }
}

/// `status InService`, the way steps show what AWS says of a resource.
pub(crate) fn status_text(status: Option<&str>) -> String {
    format!("status {}", status.unwrap_or("unknown"))
}

/// `20 min`, `90 s`, `250 ms`: timeouts as people write them.
pub(crate) fn human_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if d.subsec_nanos() == 0 && secs >= 60 && secs.is_multiple_of(60) {
        format!("{} min", secs / 60)
    } else if d >= Duration::from_secs(1) {
        format!("{} s", d.as_secs_f64())
    } else {
        format!("{} ms", d.as_millis())
    }
}
