//! What each kind of step does against SageMaker, with its state written before and after
//! every call.
//!
//! Every step can be run again safely: a delete of something already gone
//! (ResourceNotFound) counts as done, a resource AWS is already deleting is only waited
//! for, and a step whose request was sent before a restart (phase `call` with its answer
//! unrecorded) sends it again and accepts "already deleting" as success. A resource still
//! live two polls after its delete was accepted (a lost delete, or a restarted app) is sent
//! the delete again.

use std::future::Future;
use std::time::Duration;

use studio_admin_model::{
    AppStatus, AppType, DeleteAppRequest, DeleteSpaceRequest, DeleteUserProfileRequest,
    DescribeAppRequest, DescribeSpaceRequest, DescribeUserProfileRequest, Empty, ListAppsRequest,
    SpaceStatus, UserProfileStatus, WireEnum,
};
use tokio::sync::{Semaphore, watch};
use tokio::time::{Instant, sleep_until};

use super::events::JobEvent;
use super::plan::{self, app_is_settled, app_resource};
use super::record::{Job, JobError, Phase, Step, StepKind, StepStatus};
use super::retry::{CallStop, call_patiently, said};
use super::runner::Shared;
use crate::sagemaker::SageMakerError;
use crate::store::{StepUpdate, StoreError};

/// How long a call made at a step's deadline may take to answer.
const LAST_LOOK: Duration = Duration::from_secs(5);

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
enum Probe {
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

/// Runs the steps of one job.
pub(crate) struct StepRunner<'a> {
    pub(crate) shared: &'a Shared,
    pub(crate) job: &'a Job,
    pub(crate) cancel: watch::Receiver<bool>,
    /// Bounds how many delete steps of the job run at once.
    pub(crate) permits: Semaphore,
}

impl StepRunner<'_> {
    /// Whether the job was asked to cancel.
    pub(crate) fn cancelled(&self) -> bool {
        *self.cancel.borrow()
    }

    /// Runs one delete step to its end.
    pub(crate) async fn run(&self, step: Step) -> Result<StepEnd, StoreError> {
        let _permit = self.permits.acquire().await;
        // Checked after waiting for a permit: a cancel while queued starts nothing.
        if self.cancelled() {
            return Ok(StepEnd::Cancelled);
        }
        let step = self
            .update(
                step.id,
                StepUpdate {
                    status: Some(StepStatus::Running),
                    started: true,
                    ..Default::default()
                },
            )
            .await?;
        match step.kind {
            StepKind::DeleteApp => self.delete_app(step).await,
            StepKind::DeleteSpace => self.delete_space(step).await,
            StepKind::WaitApps => self.wait_apps(step).await,
            StepKind::DeleteProfile => self.delete_profile(step).await,
            // Planning is the runner's business; a plan step here would be a bug.
            StepKind::Plan => Ok(StepEnd::Done),
        }
    }

    async fn delete_app(&self, step: Step) -> Result<StepEnd, StoreError> {
        let deadline = Instant::now() + self.shared.config.app_timeout;
        let describe = DescribeAppRequest {
            domain_id: Some(self.job.domain_id.clone()),
            app_type: step.app_type.as_deref().map(AppType::from_wire),
            app_name: step.app_name.clone(),
            space_name: step.space_name.clone(),
            user_profile_name: self.owner_of(&step),
        };
        let request = DeleteAppRequest {
            domain_id: describe.domain_id.clone(),
            app_type: describe.app_type.clone(),
            app_name: describe.app_name.clone(),
            space_name: describe.space_name.clone(),
            user_profile_name: describe.user_profile_name.clone(),
        };
        let mut step = step;
        if step.phase == Phase::Call {
            match self
                .send_delete(&step, deadline, || self.shared.client.delete_app(&request))
                .await?
            {
                Err(CallStop::Aws(e)) if e.is_not_found() => {
                    return self.done(&step, "already deleted").await;
                }
                Err(CallStop::Aws(e)) => {
                    // Refused: fine if AWS is deleting it already (a request sent before a
                    // restart), a failure otherwise.
                    let status = self.app_status(&describe, deadline).await;
                    match status {
                        Ok(None) => return self.done(&step, "already deleted").await,
                        Ok(Some(AppStatus::Deleting | AppStatus::Deleted | AppStatus::Failed)) => {}
                        _ => return self.fail(&step, said(&e)).await,
                    }
                }
                Err(stop @ CallStop::TimedOut(_)) => {
                    return self
                        .fail(&step, self.timed_out(&step, &stop.describe()))
                        .await;
                }
                Ok(()) => {}
            }
            step = self.accepted(&step).await?;
        }
        self.wait(
            &step,
            deadline,
            || async {
                let app = match self
                    .patiently(deadline, || self.shared.client.describe_app(&describe))
                    .await
                {
                    Ok(app) => app,
                    Err(CallStop::Aws(e)) if e.is_not_found() => {
                        return Ok(Probe::Gone("deleted".to_owned()));
                    }
                    Err(stop) => return Err(stop),
                };
                Ok(match &app.status {
                    Some(AppStatus::Deleted) => Probe::Gone("deleted".to_owned()),
                    Some(AppStatus::Failed) => Probe::Gone(format!(
                        "ended Failed ({}); Failed apps need no delete",
                        app.failure_reason.as_deref().unwrap_or("no reason given")
                    )),
                    Some(s @ (AppStatus::InService | AppStatus::Pending)) => {
                        Probe::Live(status_text(Some(s.as_str())))
                    }
                    other => Probe::Pending(status_text(other.as_ref().map(WireEnum::as_str))),
                })
            },
            || self.shared.client.delete_app(&request),
        )
        .await
    }

    async fn delete_space(&self, step: Step) -> Result<StepEnd, StoreError> {
        let deadline = Instant::now() + self.shared.config.space_timeout;
        let describe = DescribeSpaceRequest {
            domain_id: Some(self.job.domain_id.clone()),
            space_name: step.space_name.clone(),
        };
        let request = DeleteSpaceRequest {
            domain_id: describe.domain_id.clone(),
            space_name: describe.space_name.clone(),
        };
        let mut step = step;
        if step.phase == Phase::Call {
            match self
                .send_delete(&step, deadline, || {
                    self.shared.client.delete_space(&request)
                })
                .await?
            {
                Err(CallStop::Aws(e)) if e.is_not_found() => {
                    return self.done(&step, "already deleted").await;
                }
                Err(CallStop::Aws(e)) => {
                    let space = self
                        .patiently(deadline, || self.shared.client.describe_space(&describe))
                        .await;
                    match space {
                        Err(CallStop::Aws(gone)) if gone.is_not_found() => {
                            return self.done(&step, "already deleted").await;
                        }
                        Ok(space) if space.status == Some(SpaceStatus::Deleting) => {}
                        // In use: an app started in the space after planning.
                        _ if e.is_in_use() => return self.replan(&step, said(&e)).await,
                        _ => return self.fail(&step, said(&e)).await,
                    }
                }
                Err(stop @ CallStop::TimedOut(_)) => {
                    return self
                        .fail(&step, self.timed_out(&step, &stop.describe()))
                        .await;
                }
                Ok(()) => {}
            }
            step = self.accepted(&step).await?;
        }
        self.wait(
            &step,
            deadline,
            || async {
                let space = match self
                    .patiently(deadline, || self.shared.client.describe_space(&describe))
                    .await
                {
                    Ok(space) => space,
                    Err(CallStop::Aws(e)) if e.is_not_found() => {
                        return Ok(Probe::Gone("deleted".to_owned()));
                    }
                    Err(stop) => return Err(stop),
                };
                Ok(match &space.status {
                    Some(s @ (SpaceStatus::DeleteFailed | SpaceStatus::Failed)) => {
                        Probe::Broken(format!(
                            "status {}: {}",
                            s.as_str(),
                            space.failure_reason.as_deref().unwrap_or("no reason given")
                        ))
                    }
                    Some(SpaceStatus::Deleting) | None => {
                        Probe::Pending(status_text(space.status.as_ref().map(WireEnum::as_str)))
                    }
                    Some(live) => Probe::Live(status_text(Some(live.as_str()))),
                })
            },
            || self.shared.client.delete_space(&request),
        )
        .await
    }

    /// The step 4: every app of the profile Deleted or Failed before the profile
    /// delete. A live app nobody planned (started mid-job) means planning again.
    async fn wait_apps(&self, step: Step) -> Result<StepEnd, StoreError> {
        let deadline = Instant::now() + self.shared.config.app_timeout;
        let request = ListAppsRequest {
            domain_id_equals: Some(self.job.domain_id.clone()),
            user_profile_name_equals: Some(self.job.profile_name.clone()),
            ..Default::default()
        };
        self.wait(
            &step,
            deadline,
            || async {
                let apps = plan::list_apps(
                    &self.shared.client,
                    request.clone(),
                    deadline.max(Instant::now() + LAST_LOOK),
                    self.shared.config.poll,
                )
                .await?;
                let mut deleting = Vec::new();
                for app in apps.iter().filter(|a| a.space_name.is_none()) {
                    if app_is_settled(app.status.as_ref()) {
                        continue;
                    }
                    let name = app_resource(
                        app.app_type.as_ref().map(WireEnum::as_str).unwrap_or("?"),
                        app.app_name.as_deref().unwrap_or("?"),
                        None,
                    );
                    if app.status == Some(AppStatus::Deleting) {
                        deleting.push(name);
                    } else {
                        return Ok(Probe::Replan(format!(
                            "{name} appeared ({})",
                            status_text(app.status.as_ref().map(WireEnum::as_str))
                        )));
                    }
                }
                Ok(if deleting.is_empty() {
                    Probe::Gone("every app is Deleted or Failed".to_owned())
                } else {
                    Probe::Pending(format!("still deleting: {}", deleting.join(", ")))
                })
            },
            || std::future::ready(Ok(Empty {})),
        )
        .await
    }

    async fn delete_profile(&self, step: Step) -> Result<StepEnd, StoreError> {
        let deadline = Instant::now() + self.shared.config.profile_timeout;
        let describe = DescribeUserProfileRequest {
            domain_id: Some(self.job.domain_id.clone()),
            user_profile_name: Some(self.job.profile_name.clone()),
        };
        let request = DeleteUserProfileRequest {
            domain_id: describe.domain_id.clone(),
            user_profile_name: describe.user_profile_name.clone(),
        };
        let mut step = step;
        if step.phase == Phase::Call {
            match self
                .send_delete(&step, deadline, || {
                    self.shared.client.delete_user_profile(&request)
                })
                .await?
            {
                Err(CallStop::Aws(e)) if e.is_not_found() => {
                    return self.done(&step, "already deleted").await;
                }
                Err(CallStop::Aws(e)) => {
                    let profile = self
                        .patiently(deadline, || {
                            self.shared.client.describe_user_profile(&describe)
                        })
                        .await;
                    match profile {
                        Err(CallStop::Aws(gone)) if gone.is_not_found() => {
                            return self.done(&step, "already deleted").await;
                        }
                        Ok(p) if p.status == Some(UserProfileStatus::Deleting) => {}
                        // In use: an app or a space appeared after planning.
                        _ if e.is_in_use() => return self.replan(&step, said(&e)).await,
                        _ => return self.fail(&step, said(&e)).await,
                    }
                }
                Err(stop @ CallStop::TimedOut(_)) => {
                    return self
                        .fail(&step, self.timed_out(&step, &stop.describe()))
                        .await;
                }
                Ok(()) => {}
            }
            step = self.accepted(&step).await?;
        }
        self.wait(
            &step,
            deadline,
            || async {
                let profile = match self
                    .patiently(deadline, || {
                        self.shared.client.describe_user_profile(&describe)
                    })
                    .await
                {
                    Ok(profile) => profile,
                    Err(CallStop::Aws(e)) if e.is_not_found() => {
                        return Ok(Probe::Gone("deleted".to_owned()));
                    }
                    Err(stop) => return Err(stop),
                };
                Ok(match &profile.status {
                    Some(UserProfileStatus::DeleteFailed) => Probe::Broken(format!(
                        "status Delete_Failed: {}",
                        profile
                            .failure_reason
                            .as_deref()
                            .unwrap_or("no reason given")
                    )),
                    other => Probe::Pending(status_text(other.as_ref().map(WireEnum::as_str))),
                })
            },
            || self.shared.client.delete_user_profile(&request),
        )
        .await
    }

    /// Sends a delete request: the call is counted (written) before it is sent and the
    /// answer is returned for the caller to record.
    async fn send_delete<F, Fut>(
        &self,
        step: &Step,
        deadline: Instant,
        call: F,
    ) -> Result<Result<(), CallStop>, StoreError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Empty, SageMakerError>>,
    {
        self.update(
            step.id,
            StepUpdate {
                add_call: true,
                ..Default::default()
            },
        )
        .await?;
        let answer = self.patiently(deadline, call).await;
        Ok(answer.map(drop))
    }

    /// A call retried after transient failures until `deadline`.
    async fn patiently<T, F, Fut>(&self, deadline: Instant, call: F) -> Result<T, CallStop>
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
    async fn accepted(&self, step: &Step) -> Result<Step, StoreError> {
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
    async fn wait<F, Fut, R, RFut>(
        &self,
        step: &Step,
        deadline: Instant,
        mut probe: F,
        mut resend: R,
    ) -> Result<StepEnd, StoreError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Probe, CallStop>>,
        R: FnMut() -> RFut,
        RFut: Future<Output = Result<Empty, SageMakerError>>,
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
                    if last.as_deref() != Some(detail.as_str()) {
                        self.update(
                            step.id,
                            StepUpdate {
                                detail: Some(detail.clone()),
                                ..Default::default()
                            },
                        )
                        .await?;
                        last = Some(detail);
                    }
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
                    match self.patiently(deadline, &mut resend).await {
                        // Gone or going: the next poll says which.
                        Ok(_) => refusals = 0,
                        Err(CallStop::Aws(e)) if e.is_not_found() => refusals = 0,
                        // An app "already being deleted" is what we want. A space or a
                        // profile refused twice running is in use by something new.
                        Err(CallStop::Aws(e)) if e.is_in_use() => {
                            refusals += 1;
                            if step.kind != StepKind::DeleteApp && refusals >= 2 {
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
                Ok(Probe::Pending(detail)) => {
                    if last.as_deref() != Some(detail.as_str()) {
                        self.update(
                            step.id,
                            StepUpdate {
                                detail: Some(detail.clone()),
                                ..Default::default()
                            },
                        )
                        .await?;
                        last = Some(detail);
                    }
                }
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
            let mut cancel = self.cancel.clone();
            let cancelled = async move {
                // A closed channel means nobody can cancel any more: wait out the sleep.
                if cancel.wait_for(|c| *c).await.is_err() {
                    std::future::pending::<()>().await;
                }
            };
            let stop = tokio::select! {
                () = sleep_until(wake) => false,
                () = cancelled => true,
            };
            if stop {
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

    async fn app_status(
        &self,
        describe: &DescribeAppRequest,
        deadline: Instant,
    ) -> Result<Option<AppStatus>, CallStop> {
        match self
            .patiently(deadline, || self.shared.client.describe_app(describe))
            .await
        {
            Ok(app) => Ok(app.status),
            Err(CallStop::Aws(e)) if e.is_not_found() => Ok(None),
            Err(stop) => Err(stop),
        }
    }

    /// A profile's own apps name their owner; a space's apps name the space instead.
    fn owner_of(&self, step: &Step) -> Option<String> {
        match step.space_name {
            Some(_) => None,
            None => Some(self.job.profile_name.clone()),
        }
    }

    fn timed_out(&self, step: &Step, said: &str) -> String {
        let limit = match step.kind {
            StepKind::DeleteSpace => self.shared.config.space_timeout,
            StepKind::DeleteProfile => self.shared.config.profile_timeout,
            StepKind::Plan => self.shared.config.plan_timeout,
            StepKind::DeleteApp | StepKind::WaitApps => self.shared.config.app_timeout,
        };
        format!(
            "timed out after {} waiting for {} to be deleted; AWS last said: {said}",
            human_duration(limit),
            step.resource
        )
    }

    /// Stores a change to a step and tells the job's watchers.
    pub(crate) async fn update(&self, id: i64, update: StepUpdate) -> Result<Step, StoreError> {
        let step = self.shared.store.update_step(id, &update).await?;
        self.shared
            .events
            .publish(self.job.id, JobEvent::Step(step.clone()));
        Ok(step)
    }

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

    pub(crate) async fn fail(&self, step: &Step, reason: String) -> Result<StepEnd, StoreError> {
        self.update(
            step.id,
            StepUpdate {
                status: Some(StepStatus::Failed),
                error: Some(reason.clone()),
                finished: true,
                ..Default::default()
            },
        )
        .await?;
        Ok(StepEnd::Failed(JobError {
            step: step.kind,
            resource: step.resource.clone(),
            reason,
        }))
    }

    async fn replan(&self, step: &Step, reason: String) -> Result<StepEnd, StoreError> {
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

fn status_text(status: Option<&str>) -> String {
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
