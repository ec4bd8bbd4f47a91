//! Drives one job from wherever its rows say it is to its end: plan the round, run the
//! round's steps in the order the rules force (concurrently where they allow), plan again
//! when AWS finds something new, and record the result.
//!
//! The order within a round:
//! 1. the profile's own apps, and each owned space's apps, all at once (bounded);
//! 2. each space as soon as its own apps are gone;
//! 3. the check that every app of the profile is Deleted or Failed;
//! 4. the profile;
//! 5. in SSO domains (unless the delete keeps it), the person's direct assignment to the
//!    domain's Studio application in IAM Identity Center.

use std::collections::BTreeMap;

use futures_util::future::{join, join_all};
use tokio::sync::{Semaphore, watch};

use super::plan::{self, PlanSteps as _, profile_resource};
use super::record::{Job, JobError, JobStatus, Phase, Step, StepKind, StepStatus};
use super::retry::CallStop;
use super::shared::Shared;
use super::steps::{StepEnd, StepRunner, human_duration};
use super::{delete, remove_access, wait_apps};
use crate::store::{Fence, NewStep, StoreError};

/// How long a cancelled step may take to stop by itself before it is stopped.
const CANCEL_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// How a round ended.
enum RoundEnd {
    /// The profile is gone.
    Finished,
    /// A step failed.
    Failed(JobError),
    /// The job was cancelled.
    Cancelled,
    /// Something new appeared; plan again.
    Replan { step_id: i64, reason: String },
}

/// How planning ended.
enum PlanEnd {
    /// The round's steps are recorded.
    Planned,
    /// The profile does not exist (any more).
    Gone,
    /// Planning failed.
    Failed(JobError),
    /// The job was cancelled before planning.
    Cancelled,
}

/// Runs the job until it is finished, or until the database fails (then the job stays
/// `running` and is resumed) or refuses a write because another replica took the job
/// over ([`StoreError::LeaseLost`]).
pub(crate) async fn drive(
    shared: &Shared,
    fence: Fence,
    cancel: &watch::Receiver<bool>,
) -> Result<(), StoreError> {
    let job_id = fence.job_id;
    loop {
        let Some(job) = shared.store.job(job_id).await? else {
            return Ok(());
        };
        if job.status != JobStatus::Running {
            return Ok(());
        }
        if job.cancel_requested || *cancel.borrow() {
            return finish(shared, fence, JobStatus::Cancelled, None, None).await;
        }
        let runner = StepRunner {
            shared,
            job: &job,
            fence,
            cancel: cancel.clone(),
            permits: Semaphore::new(shared.config.concurrency.max(1)),
        };

        // Looked up by kind: the profile's spelling may change once AWS has named it.
        let plan_step = match shared.store.plan_step(job.id, job.round).await? {
            Some(step) => step,
            None => {
                shared
                    .store
                    .ensure_step(fence, job.round, &plan_step(&job))
                    .await?
            }
        };
        if plan_step.status != StepStatus::Done {
            match plan_round(&runner, plan_step).await? {
                PlanEnd::Planned => {
                    shared.publish_snapshot(job_id).await?;
                    // Read the job again: planning recorded the profile's name as AWS
                    // spells it, which the steps' requests must use.
                    continue;
                }
                PlanEnd::Gone => {
                    let acted = shared
                        .store
                        .steps(job_id)
                        .await?
                        .iter()
                        .any(|s| s.calls > 0);
                    let outcome = if acted { "deleted" } else { "already deleted" };
                    return finish(shared, fence, JobStatus::Succeeded, Some(outcome), None).await;
                }
                PlanEnd::Failed(error) => {
                    return finish(shared, fence, JobStatus::Failed, None, Some(&error)).await;
                }
                PlanEnd::Cancelled => {
                    return finish(shared, fence, JobStatus::Cancelled, None, None).await;
                }
            }
        }

        let steps = shared.store.round_steps(job.id, job.round).await?;
        match run_round(&runner, steps).await? {
            RoundEnd::Finished => {
                return finish(shared, fence, JobStatus::Succeeded, Some("deleted"), None).await;
            }
            RoundEnd::Failed(error) => {
                return finish(shared, fence, JobStatus::Failed, None, Some(&error)).await;
            }
            RoundEnd::Cancelled => {
                return finish(shared, fence, JobStatus::Cancelled, None, None).await;
            }
            RoundEnd::Replan { step_id, reason } if job.replans >= shared.config.max_replans => {
                let reason = format!(
                    "AWS still refused after planning again {} time(s): {reason}",
                    job.replans
                );
                let error = runner.failed(step_id, reason).await?;
                return finish(shared, fence, JobStatus::Failed, None, Some(&error)).await;
            }
            RoundEnd::Replan { step_id, reason } => {
                let note = format!("{reason}; planning again");
                shared
                    .store
                    .next_round(fence, Some((step_id, &note)))
                    .await?;
                shared.publish_snapshot(job_id).await?;
            }
        }
    }
}

/// Runs the open steps of a planned round in the order the rules force.
async fn run_round(runner: &StepRunner<'_>, steps: Vec<Step>) -> Result<RoundEnd, StoreError> {
    let mut own_apps = Vec::new();
    let mut spaces: BTreeMap<String, (Vec<Step>, Option<Step>)> = BTreeMap::new();
    let mut last = Vec::new();
    for step in steps.into_iter().filter(|s| s.status.is_open()) {
        match (step.kind, step.space_name.clone()) {
            (StepKind::DeleteApp, None) => own_apps.push(step),
            (StepKind::DeleteApp, Some(space)) => spaces.entry(space).or_default().0.push(step),
            (StepKind::DeleteSpace, Some(space)) => spaces.entry(space).or_default().1 = Some(step),
            (StepKind::WaitApps | StepKind::DeleteProfile | StepKind::RemoveAccess, _) => {
                last.push(step);
            }
            // Plan steps are done by now; a space step without a space cannot be planned.
            _ => {}
        }
    }
    last.sort_by_key(|s| s.kind);

    let own = join_all(own_apps.into_iter().map(|step| run_step(runner, step)));
    let chains = join_all(spaces.into_values().map(|(apps, space)| async move {
        let ends = join_all(apps.into_iter().map(|step| run_step(runner, step)))
            .await
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(end) = worst(ends) {
            return Ok(end);
        }
        match space {
            Some(space) => run_step(runner, space).await,
            None => Ok(StepEnd::Done),
        }
    }));
    let (own, chains) = join(own, chains).await;
    let ends = own
        .into_iter()
        .chain(chains)
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(end) = worst(ends) {
        return Ok(round_end(end));
    }

    for step in last {
        if runner.cancelled() {
            return Ok(RoundEnd::Cancelled);
        }
        match run_step(runner, step).await? {
            StepEnd::Done => {}
            other => return Ok(round_end(other)),
        }
    }
    Ok(RoundEnd::Finished)
}

/// The end that decides a group of steps: a failure over a cancel over a re-plan; `None`
/// when all are done.
fn worst(ends: Vec<StepEnd>) -> Option<StepEnd> {
    let rank = |end: &StepEnd| match end {
        StepEnd::Failed(_) => 3,
        StepEnd::Cancelled => 2,
        StepEnd::Replan { .. } => 1,
        StepEnd::Done => 0,
    };
    ends.into_iter()
        .filter(|e| *e != StepEnd::Done)
        .max_by_key(|e| rank(e))
}

fn round_end(end: StepEnd) -> RoundEnd {
    match end {
        StepEnd::Done => RoundEnd::Finished,
        StepEnd::Failed(error) => RoundEnd::Failed(error),
        StepEnd::Cancelled => RoundEnd::Cancelled,
        StepEnd::Replan { step_id, reason } => RoundEnd::Replan { step_id, reason },
    }
}

fn plan_step(job: &Job) -> NewStep {
    NewStep {
        kind: StepKind::Plan,
        resource: profile_resource(&job.profile_name),
        app_type: None,
        app_name: None,
        space_name: None,
        phase: Phase::Call,
        detail: None,
    }
}

/// Records the end of a job (closing steps that never ran) and tells its watchers.
async fn finish(
    shared: &Shared,
    fence: Fence,
    status: JobStatus,
    outcome: Option<&str>,
    error: Option<&JobError>,
) -> Result<(), StoreError> {
    let open_steps = if status == JobStatus::Cancelled {
        StepStatus::Cancelled
    } else {
        StepStatus::Skipped
    };
    let job_id = fence.job_id;
    let job = shared
        .store
        .finish_job(fence, status, outcome, error, open_steps)
        .await?;
    match &job.error {
        Some(e) => tracing::warn!(
            job = job.id,
            profile = %job.profile_name,
            step = %e.step,
            resource = %e.resource,
            reason = %e.reason,
            "delete job failed"
        ),
        None => tracing::info!(
            job = job.id,
            profile = %job.profile_name,
            status = job.status.as_str(),
            outcome = job.outcome.as_deref().unwrap_or(""),
            "delete job finished"
        ),
    }
    shared.publish_snapshot(job_id).await?;
    // Nothing more happens to a finished job until a retry, which opens a new channel.
    shared.events.forget(job_id);
    Ok(())
}

/// Runs one step of a planned round to its end, once a permit lets it start.
async fn run_step(runner: &StepRunner<'_>, step: Step) -> Result<StepEnd, StoreError> {
    let _permit = tokio::select! {
        permit = runner.permits.acquire() => permit,
        () = runner.until_cancelled() => return Ok(StepEnd::Cancelled),
    };
    // Checked after waiting for a permit: a cancel while queued starts nothing.
    if runner.cancelled() {
        return Ok(StepEnd::Cancelled);
    }
    let step = runner.start(&step).await?;
    let work = async {
        match step.kind {
            StepKind::DeleteApp | StepKind::DeleteSpace | StepKind::DeleteProfile => {
                delete::run(runner, step.clone()).await
            }
            StepKind::WaitApps => wait_apps::run(runner, step.clone()).await,
            StepKind::RemoveAccess => remove_access::run(runner, step.clone()).await,
            // Planning is done before a round's steps run; a plan step here would be a bug.
            StepKind::Plan => Ok(StepEnd::Done),
        }
    };
    // A cancel is obeyed also while a call is being retried or answered: a step that has
    // not stopped by itself (a wait stops at once) within a moment is stopped, and what
    // AWS was already doing goes on without us.
    let stuck = async {
        runner.until_cancelled().await;
        tokio::time::sleep(CANCEL_GRACE).await;
    };
    tokio::select! {
        biased;
        end = work => end,
        () = stuck => runner.stopped_by_cancel(&step).await,
    }
}

/// Plans the round: reads the profile, its apps and owned spaces, and records the round's
/// steps in one transaction.
async fn plan_round(runner: &StepRunner<'_>, step: Step) -> Result<PlanEnd, StoreError> {
    if runner.cancelled() {
        return Ok(PlanEnd::Cancelled);
    }
    let step = runner.start(&step).await?;
    let (job, shared) = (runner.job, runner.shared);
    let gather = plan::gather(
        runner.client(),
        &job.domain_id,
        &job.profile_name,
        runner.deadline(StepKind::Plan),
        shared.config.poll,
    );
    let gathered = tokio::select! {
        biased;
        gathered = gather => gathered,
        () = runner.until_cancelled() => return Ok(PlanEnd::Cancelled),
    };
    // What the round is to do: its steps, their summary, and the profile as read.
    let (steps, summary, profile_name, home, user) = match gathered {
        // The profile went in an earlier round whose access removal did not finish (a
        // failure or a cancel, then a retry): only that is left to do.
        Ok(None) if !job.keep_access && job.access_user.is_some() => {
            let user = job.access_user.as_deref().unwrap_or_default();
            (
                vec![plan::remove_access_step(user)],
                "the profile is gone; its Studio access is left to remove".to_owned(),
                job.profile_name.clone(),
                None,
                None,
            )
        }
        Ok(None) => {
            runner.done(&step, "the profile does not exist").await?;
            return Ok(PlanEnd::Gone);
        }
        Ok(Some(plan)) => {
            let user = plan.access.as_ref().map(|a| a.user_name.clone());
            let mut steps = plan.steps();
            let mut summary = plan.summary();
            match user.as_deref() {
                Some(user) if !job.keep_access => {
                    steps.push(plan::remove_access_step(user));
                    summary.push_str(", then the direct Studio access in IAM Identity Center");
                }
                Some(_) => summary.push_str("; Studio access in IAM Identity Center is kept"),
                None => {}
            }
            (
                steps,
                summary,
                plan.profile_name,
                plan.home_efs_file_system_uid,
                user,
            )
        }
        Err(stop) => {
            let reason = match stop {
                CallStop::TimedOut(_) => format!(
                    "planning {} after {}",
                    stop.describe(),
                    human_duration(shared.config.plan_timeout)
                ),
                CallStop::Aws(_) => stop.describe(),
            };
            return Ok(PlanEnd::Failed(runner.failed(step.id, reason).await?));
        }
    };
    shared
        .store
        .record_plan(
            runner.fence,
            job.round,
            step.id,
            &steps,
            &summary,
            &profile_name,
            home.as_deref(),
            user.as_deref(),
        )
        .await?;
    Ok(PlanEnd::Planned)
}
