//! Delete jobs and their steps as stored and as the API shows them.

use serde::Serialize;
use studio_admin_model::EpochSeconds;

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Steps are running or will run (also while a cancel request is being honoured).
    Running,
    /// The profile is gone (or was gone already).
    Succeeded,
    /// A step failed or timed out; the job can be retried.
    Failed,
    /// Cancelled on request; what AWS was already deleting continues.
    Cancelled,
}

impl JobStatus {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "running" => Self::Running,
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            "cancelled" => Self::Cancelled,
            _ => return None,
        })
    }

    /// Whether the job has stopped (retry can restart a failed or cancelled one).
    pub fn is_finished(self) -> bool {
        self != Self::Running
    }
}

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// DescribeUserProfile, then list the profile's apps and owned spaces and record the
    /// steps of the round.
    Plan,
    /// DeleteApp (unless AWS is already deleting it), then wait until it is Deleted or
    /// Failed.
    DeleteApp,
    /// DeleteSpace once its apps are gone, then wait until the space is gone.
    DeleteSpace,
    /// Wait until every app of the profile is Deleted or Failed.
    WaitApps,
    /// DeleteUserProfile, then wait until the profile is gone.
    DeleteProfile,
}

impl StepKind {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::DeleteApp => "delete_app",
            Self::DeleteSpace => "delete_space",
            Self::WaitApps => "wait_apps",
            Self::DeleteProfile => "delete_profile",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "plan" => Self::Plan,
            "delete_app" => Self::DeleteApp,
            "delete_space" => Self::DeleteSpace,
            "wait_apps" => Self::WaitApps,
            "delete_profile" => Self::DeleteProfile,
            _ => return None,
        })
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Not started yet.
    Pending,
    /// Started: its request is being sent or its resource is being waited for. After a
    /// restart a running step is continued, never added again.
    Running,
    /// Finished; see the outcome.
    Done,
    /// Not run because an earlier step of its job failed.
    Skipped,
    /// Failed or timed out; the job's error names it.
    Failed,
    /// Not started, or stopped waiting, because the job was cancelled.
    Cancelled,
    /// AWS refused the profile delete because something appeared; the job planned again.
    Superseded,
}

impl StepStatus {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Done => "done",
            Self::Skipped => "skipped",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Superseded => "superseded",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "pending" => Self::Pending,
            "running" => Self::Running,
            "done" => Self::Done,
            "skipped" => Self::Skipped,
            "failed" => Self::Failed,
            "cancelled" => Self::Cancelled,
            "superseded" => Self::Superseded,
            _ => return None,
        })
    }

    /// Whether the step still has work to do (a runner picks it up).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Pending | Self::Running)
    }
}

/// How far a step got with its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The delete request is still to be sent (or its answer was never recorded).
    Call,
    /// AWS accepted the delete (or was deleting already); only the wait remains.
    Wait,
}

impl Phase {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Wait => "wait",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "call" => Self::Call,
            "wait" => Self::Wait,
            _ => return None,
        })
    }
}

/// Why a job failed: which step, on which resource, and what AWS said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobError {
    /// The step that failed (`delete_app`, ...).
    pub step: String,
    /// The resource it acted on (`app JupyterLab/default in space alice`).
    pub resource: String,
    /// What went wrong, with AWS's own words when AWS said something.
    pub reason: String,
}

/// A delete job as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    /// The job id (`/api/jobs/{id}`).
    pub id: i64,
    /// The domain of the profile.
    pub domain_id: String,
    /// The profile being deleted, as the request spelled it.
    pub profile_name: String,
    /// Where the job stands.
    pub status: JobStatus,
    /// Whether a cancel was requested (the job may still be finishing its running steps).
    pub cancel_requested: bool,
    /// The current planning round (0 first; +1 on each re-plan and retry).
    pub round: i64,
    /// Re-plans after ResourceInUse since the job last (re)started.
    pub replans: i64,
    /// 1 for the first run, +1 on each retry.
    pub attempt: i64,
    /// `deleted` or `already deleted` when succeeded.
    pub outcome: Option<String>,
    /// Why it failed, when failed.
    pub error: Option<JobError>,
    /// The EFS home directory's user id: the directory stays after the profile is gone.
    pub home_efs_file_system_uid: Option<String>,
    /// When the job was created.
    pub created_at: EpochSeconds,
    /// When the job last changed.
    pub updated_at: EpochSeconds,
    /// When the job finished (the last time, after retries).
    pub finished_at: Option<EpochSeconds>,
}

/// One step of a delete job as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The step id.
    pub id: i64,
    /// The job it belongs to.
    pub job_id: i64,
    /// The planning round it belongs to.
    pub round: i64,
    /// What it does.
    pub kind: StepKind,
    /// What it acts on, as a person reads it.
    pub resource: String,
    /// For apps: the app type (`JupyterLab`).
    pub app_type: Option<String>,
    /// For apps: the app name.
    pub app_name: Option<String>,
    /// For space apps and spaces: the space.
    pub space_name: Option<String>,
    /// Where it stands.
    pub status: StepStatus,
    /// Whether its delete request is still to be sent.
    pub phase: Phase,
    /// Delete requests sent for it.
    pub calls: i64,
    /// What happened, when finished.
    pub outcome: Option<String>,
    /// The last thing AWS said about the resource.
    pub detail: Option<String>,
    /// Why it failed, when failed.
    pub error: Option<String>,
    /// When it first started.
    pub started_at: Option<EpochSeconds>,
    /// When it finished.
    pub finished_at: Option<EpochSeconds>,
    /// When it last changed.
    pub updated_at: EpochSeconds,
}

/// A job with every step it took, oldest first: what `GET /api/jobs/{id}` answers and the
/// first message of the event stream.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobDetail {
    /// The job.
    #[serde(flatten)]
    pub job: Job,
    /// Its steps, in the order they were planned.
    pub steps: Vec<Step>,
}

/// Milliseconds since the Unix epoch, as stored.
pub(crate) fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// A stored time as the API shows times (epoch seconds, like SageMaker's own timestamps).
pub(crate) fn epoch(millis: i64) -> EpochSeconds {
    EpochSeconds(millis as f64 / 1000.0)
}
