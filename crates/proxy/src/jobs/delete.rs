//! The delete steps of apps, spaces and the profile: one procedure, with what differs
//! between the three kinds of resource in one table ([`Target`]): what to describe, what
//! to delete, what a described status means, and whether "in use" means planning again.
//!
//! Every delete step can be run again safely: a delete of something already gone
//! (ResourceNotFound) counts as done, a resource AWS is already deleting is only waited
//! for, and a step whose request was sent before a restart (phase `call` with its answer
//! unrecorded) sends it again and accepts "already deleting" as success. A resource still
//! live two polls after its delete was accepted is sent the delete again (see
//! [`StepRunner::wait`]). A space or profile refused as in use (when first sent and not
//! being deleted, or twice running when sent again) makes the job plan again: something
//! new depends on it.

use studio_admin_model::{
    AppStatus, AppType, DeleteAppRequest, DeleteSpaceRequest, DeleteUserProfileRequest,
    DescribeAppRequest, DescribeSpaceRequest, DescribeUserProfileRequest, SpaceStatus,
    UserProfileStatus, WireEnum,
};
use tokio::time::Instant;

use super::record::{Job, Phase, Step, StepKind};
use super::retry::{CallStop, said};
use super::steps::{Probe, Resend, StepEnd, StepRunner, status_text};
use crate::sagemaker::{SageMakerClient, SageMakerError};
use crate::store::StoreError;

/// What a described resource's status means to its delete.
enum State {
    /// Nothing left to delete; the step is done with this outcome.
    Gone(String),
    /// AWS is deleting it.
    Deleting,
    /// In use: its delete was lost, or it was started again.
    Live,
    /// Its delete failed on AWS's side; waiting will not help.
    Broken(String),
    /// Anything else (no status, or one that neither blocks nor proves the delete).
    Unsettled,
}

/// A resource as described now: what its status means, and the status in words.
struct Look {
    state: State,
    status: String,
}

/// The table of resource kinds a delete step removes, each with its two requests.
enum Target {
    /// An app of the profile or of one of its spaces.
    App {
        describe: DescribeAppRequest,
        delete: DeleteAppRequest,
    },
    /// A space the profile owns.
    Space {
        describe: DescribeSpaceRequest,
        delete: DeleteSpaceRequest,
    },
    /// The profile itself.
    Profile {
        describe: DescribeUserProfileRequest,
        delete: DeleteUserProfileRequest,
    },
}

impl Target {
    /// The resource of a delete step; `None` for steps that delete nothing.
    fn of(job: &Job, step: &Step) -> Option<Self> {
        let domain_id = Some(job.domain_id.clone());
        Some(match step.kind {
            StepKind::DeleteApp => {
                let describe = DescribeAppRequest {
                    domain_id,
                    app_type: step.app_type.as_deref().map(AppType::from_wire),
                    app_name: step.app_name.clone(),
                    space_name: step.space_name.clone(),
                    // A profile's own apps name their owner; a space's apps name the space.
                    user_profile_name: match step.space_name {
                        Some(_) => None,
                        None => Some(job.profile_name.clone()),
                    },
                };
                let delete = DeleteAppRequest {
                    domain_id: describe.domain_id.clone(),
                    app_type: describe.app_type.clone(),
                    app_name: describe.app_name.clone(),
                    space_name: describe.space_name.clone(),
                    user_profile_name: describe.user_profile_name.clone(),
                };
                Self::App { describe, delete }
            }
            StepKind::DeleteSpace => {
                let describe = DescribeSpaceRequest {
                    domain_id,
                    space_name: step.space_name.clone(),
                };
                let delete = DeleteSpaceRequest {
                    domain_id: describe.domain_id.clone(),
                    space_name: describe.space_name.clone(),
                };
                Self::Space { describe, delete }
            }
            StepKind::DeleteProfile => {
                let describe = DescribeUserProfileRequest {
                    domain_id,
                    user_profile_name: Some(job.profile_name.clone()),
                };
                let delete = DeleteUserProfileRequest {
                    domain_id: describe.domain_id.clone(),
                    user_profile_name: describe.user_profile_name.clone(),
                };
                Self::Profile { describe, delete }
            }
            StepKind::Plan | StepKind::WaitApps | StepKind::RemoveAccess => return None,
        })
    }

    /// Whether AWS refusing the delete as in use means something new depends on the
    /// resource (an app started in the space, an app or space of the profile): plan again.
    /// An app in use is only busy; its delete fails or is retried.
    fn in_use_replans(&self) -> bool {
        !matches!(self, Self::App { .. })
    }

    /// Sends the delete request once.
    async fn delete(&self, client: &SageMakerClient) -> Result<(), SageMakerError> {
        match self {
            Self::App { delete, .. } => client.delete_app(delete).await.map(drop),
            Self::Space { delete, .. } => client.delete_space(delete).await.map(drop),
            Self::Profile { delete, .. } => client.delete_user_profile(delete).await.map(drop),
        }
    }

    /// Describes the resource once, and says what its status means.
    async fn look(&self, client: &SageMakerClient) -> Result<Look, SageMakerError> {
        Ok(match self {
            Self::App { describe, .. } => {
                let app = client.describe_app(describe).await?;
                let state = match &app.status {
                    Some(AppStatus::Deleted) => State::Gone("deleted".to_owned()),
                    Some(AppStatus::Failed) => State::Gone(format!(
                        "ended Failed ({}); Failed apps need no delete",
                        reason(app.failure_reason.as_deref())
                    )),
                    Some(AppStatus::Deleting) => State::Deleting,
                    Some(AppStatus::InService | AppStatus::Pending) => State::Live,
                    _ => State::Unsettled,
                };
                Look::new(state, app.status.as_ref())
            }
            Self::Space { describe, .. } => {
                let space = client.describe_space(describe).await?;
                let state = match &space.status {
                    Some(SpaceStatus::Deleting) => State::Deleting,
                    Some(s @ (SpaceStatus::DeleteFailed | SpaceStatus::Failed)) => {
                        State::broken(s, space.failure_reason.as_deref())
                    }
                    None => State::Unsettled,
                    Some(_) => State::Live,
                };
                Look::new(state, space.status.as_ref())
            }
            Self::Profile { describe, .. } => {
                let profile = client.describe_user_profile(describe).await?;
                // Any other status after the delete was accepted means the delete was
                // lost (a backend that restarted) or the profile is in use again: seen so
                // twice, the delete is sent again.
                let state = match &profile.status {
                    Some(UserProfileStatus::Deleting) => State::Deleting,
                    Some(s @ UserProfileStatus::DeleteFailed) => {
                        State::broken(s, profile.failure_reason.as_deref())
                    }
                    None => State::Unsettled,
                    Some(_) => State::Live,
                };
                Look::new(state, profile.status.as_ref())
            }
        })
    }
}

impl State {
    /// A delete that failed on AWS's side, with AWS's reason.
    fn broken(status: &impl WireEnum, failure_reason: Option<&str>) -> Self {
        Self::Broken(format!(
            "status {}: {}",
            status.as_str(),
            reason(failure_reason)
        ))
    }
}

impl Look {
    fn new(state: State, status: Option<&impl WireEnum>) -> Self {
        Self {
            state,
            status: status_text(status.map(WireEnum::as_str)),
        }
    }
}

/// AWS's failure reason, or that it gave none.
fn reason(failure_reason: Option<&str>) -> String {
    failure_reason.unwrap_or("no reason given").to_owned()
}

/// Runs a delete step (its status already `running`) to its end.
pub(crate) async fn run(runner: &StepRunner<'_>, step: Step) -> Result<StepEnd, StoreError> {
    let Some(target) = Target::of(runner.job, &step) else {
        // Only delete steps come here; anything else has nothing to delete.
        return runner.done(&step, "nothing to delete").await;
    };
    let client = runner.client();
    let deadline = runner.deadline(step.kind);
    let mut step = step;
    if step.phase == Phase::Call {
        match runner
            .send_delete(&step, deadline, || target.delete(client))
            .await?
        {
            Ok(()) => {}
            Err(CallStop::Aws(e)) if e.is_not_found() => {
                return runner.done(&step, "already deleted").await;
            }
            // Refused: fine if AWS is deleting it already (a request sent before a
            // restart), a failure (or news to plan for) otherwise.
            Err(CallStop::Aws(e)) => match look(runner, &target, deadline).await {
                Ok(None) => return runner.done(&step, "already deleted").await,
                Ok(Some(Look {
                    state: State::Gone(_) | State::Deleting,
                    ..
                })) => {}
                _ if e.is_in_use() && target.in_use_replans() => {
                    return runner.replan(&step, said(&e)).await;
                }
                _ => return runner.fail(&step, said(&e)).await,
            },
            Err(stop @ CallStop::TimedOut(_)) => {
                return runner
                    .fail(&step, runner.timed_out(&step, &stop.describe()))
                    .await;
            }
        }
        step = runner.accepted(&step).await?;
    }
    let probe = || async {
        Ok(match look(runner, &target, deadline).await? {
            None => Probe::Gone("deleted".to_owned()),
            Some(Look { state, status }) => match state {
                State::Gone(outcome) => Probe::Gone(outcome),
                State::Broken(reason) => Probe::Broken(reason),
                State::Live => Probe::Live(status),
                State::Deleting | State::Unsettled => Probe::Pending(status),
            },
        })
    };
    let resend = Resend {
        send: || target.delete(client),
        in_use_replans: target.in_use_replans(),
    };
    runner.wait(&step, deadline, probe, resend).await
}

/// Describes the resource, retrying transient failures; `None` once AWS says it does not
/// exist.
async fn look(
    runner: &StepRunner<'_>,
    target: &Target,
    deadline: Instant,
) -> Result<Option<Look>, CallStop> {
    match runner
        .patiently(deadline, || target.look(runner.client()))
        .await
    {
        Ok(look) => Ok(Some(look)),
        Err(CallStop::Aws(e)) if e.is_not_found() => Ok(None),
        Err(stop) => Err(stop),
    }
}
