//! Delete jobs: `GET /api/jobs` (with [`JobQuery`]), `GET /api/jobs/{id}`, the event stream
//! `GET /api/jobs/{id}/events`, cancel and retry. A job is stored with these very
//! spellings, so the database, the API and the panel read one vocabulary.

use serde::{Deserialize, Serialize};

use crate::query::{empty_as_none, query_string};
use crate::spelled::spelled;
use crate::time::EpochMillis;

spelled! {
    /// Where a job stands.
    pub enum JobStatus {
        /// Steps are running or will run (also while a cancel request is being honoured).
        Running = "running" => "Running",
        /// The profile is gone (or was gone already).
        Succeeded = "succeeded" => "Succeeded",
        /// A step failed or timed out; the job can be retried.
        Failed = "failed" => "Failed",
        /// Cancelled on request; what AWS was already deleting continues.
        Cancelled = "cancelled" => "Cancelled",
    }
}

impl JobStatus {
    /// Whether the job has stopped (retry can restart a failed or cancelled one).
    pub fn is_finished(self) -> bool {
        self != Self::Running
    }
}

spelled! {
    /// What a step does.
    pub enum StepKind {
        /// DescribeUserProfile, then list the profile's apps and owned spaces and record
        /// the steps of the round.
        Plan = "plan",
        /// DeleteApp (unless AWS is already deleting it), then wait until it is Deleted or
        /// Failed.
        DeleteApp = "delete_app",
        /// DeleteSpace once its apps are gone, then wait until the space is gone.
        DeleteSpace = "delete_space",
        /// Wait until every app of the profile is Deleted or Failed.
        WaitApps = "wait_apps",
        /// DeleteUserProfile, then wait until the profile is gone.
        DeleteProfile = "delete_profile",
        /// After the profile: DeleteApplicationAssignment of the person's own assignment
        /// to the domain's Studio application in IAM Identity Center (SSO domains, unless
        /// the delete keeps it); group memberships are never changed.
        RemoveAccess = "remove_access",
    }
}

spelled! {
    /// Where a step stands.
    pub enum StepStatus {
        /// Not started yet.
        Pending = "pending" => "Waiting",
        /// Started: its request is being sent or its resource is being waited for. After a
        /// restart a running step is continued, never added again.
        Running = "running" => "In progress",
        /// Finished; see the outcome.
        Done = "done" => "Done",
        /// Not run because an earlier step of its job failed.
        Skipped = "skipped" => "Skipped",
        /// Failed or timed out; the job's error names it.
        Failed = "failed" => "Failed",
        /// Not started, or stopped waiting, because the job was cancelled.
        Cancelled = "cancelled" => "Cancelled",
        /// AWS refused the profile delete because something appeared; the job planned
        /// again.
        Superseded = "superseded" => "Replanned",
    }
}

impl StepStatus {
    /// Whether the step still has work to do (a runner picks it up).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Pending | Self::Running)
    }

    /// Whether the step has stopped, one way or another (it counts towards progress).
    pub fn is_settled(self) -> bool {
        !self.is_open()
    }
}

spelled! {
    /// How far a step got with its resource.
    pub enum Phase {
        /// The delete request is still to be sent (or its answer was never recorded).
        Call = "call",
        /// AWS accepted the delete (or was deleting already); only the wait remains.
        Wait = "wait",
    }
}

/// Why a job failed: which step, on which resource, and what AWS said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobError {
    /// The step that failed.
    pub step: StepKind,
    /// The resource it acted on (`app JupyterLab/default in space alice`).
    pub resource: String,
    /// What went wrong, with AWS's own words when AWS said something.
    pub reason: String,
}

/// A delete job without its steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// The job id (`/api/jobs/{id}`).
    pub id: i64,
    /// The domain of the profile.
    pub domain_id: String,
    /// The profile being deleted, as the request spelled it (as AWS spells it once
    /// planned).
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
    /// `deleted` or `already deleted` once succeeded.
    pub outcome: Option<String>,
    /// Why it failed, when failed.
    pub error: Option<JobError>,
    /// The EFS home directory's user id: the directory stays after the profile is gone.
    pub home_efs_file_system_uid: Option<String>,
    /// The profile's IAM Identity Center user, once planned (SSO domains).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_user: Option<String>,
    /// Whether the delete keeps that user's direct assignment to the domain's Studio
    /// application (by default it is removed after the profile).
    #[serde(default)]
    pub keep_access: bool,
    /// When the job was created.
    pub created_at: EpochMillis,
    /// When the job last changed.
    pub updated_at: EpochMillis,
    /// When the job finished (the last time, after retries).
    pub finished_at: Option<EpochMillis>,
}

/// One step of a delete job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The step id.
    pub id: i64,
    /// The job it belongs to.
    pub job_id: i64,
    /// The planning round it belongs to.
    pub round: i64,
    /// What it does.
    pub kind: StepKind,
    /// What it acts on, as a person reads it (`app JupyterLab/default`).
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
    pub started_at: Option<EpochMillis>,
    /// When it finished.
    pub finished_at: Option<EpochMillis>,
    /// When it last changed.
    pub updated_at: EpochMillis,
}

/// A job with every step it took, in the order they were planned: what
/// `GET /api/jobs/{id}` answers and the first message of the event stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobDetail {
    /// The job (its members at the top level of the JSON).
    #[serde(flatten)]
    pub job: Job,
    /// Its steps.
    pub steps: Vec<Step>,
}

impl JobDetail {
    /// Applies one change from the event stream.
    pub fn apply(&mut self, event: JobEvent) {
        match event {
            JobEvent::Snapshot(detail) => *self = detail,
            JobEvent::Job(job) => self.job = job,
            JobEvent::Step(step) => match self.steps.iter_mut().find(|s| s.id == step.id) {
                Some(existing) => *existing = step,
                None => self.steps.push(step),
            },
        }
    }

    /// The steps that count towards progress (replanned ones were replaced by others).
    pub fn counted_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps
            .iter()
            .filter(|s| s.status != StepStatus::Superseded)
    }

    /// `(settled, total)` steps, for the progress bar.
    pub fn progress(&self) -> (usize, usize) {
        let total = self.counted_steps().count();
        let settled = self
            .counted_steps()
            .filter(|s| s.status.is_settled())
            .count();
        (settled, total)
    }
}

/// `GET /api/jobs`: jobs without their steps, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobList {
    /// The jobs.
    pub jobs: Vec<Job>,
}

/// The filters of `GET /api/jobs`; unknown parameters are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JobQuery {
    /// Only jobs of this domain (empty: every domain the person may see).
    pub domain: String,
    /// Only jobs of this profile (names compare without case, as in SageMaker).
    pub profile: String,
    /// Only jobs with this status.
    #[serde(deserialize_with = "empty_as_none")]
    pub status: Option<JobStatus>,
    /// At most this many (1 to 500).
    #[serde(deserialize_with = "empty_as_none")]
    pub limit: Option<i64>,
}

impl JobQuery {
    /// The query string (`?domain=...`), without the empty members.
    pub fn to_query_string(&self) -> String {
        let limit = self.limit.map(|l| l.to_string()).unwrap_or_default();
        query_string(&[
            ("domain", &self.domain),
            ("profile", &self.profile),
            ("status", self.status.map_or("", JobStatus::as_str)),
            ("limit", &limit),
        ])
    }
}

/// One message of a job's event stream (Server-Sent Events: the event's name says which,
/// its data is the JSON of what it carries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobEvent {
    /// The whole job: the first message to every watcher, and again after a watcher fell
    /// behind.
    Snapshot(JobDetail),
    /// The job's own row changed (status, round, error, ...).
    Job(Job),
    /// A step was added or changed.
    Step(Step),
}

impl JobEvent {
    /// The event's name (`snapshot`, `job`, `step`).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Snapshot(_) => "snapshot",
            Self::Job(_) => "job",
            Self::Step(_) => "step",
        }
    }

    /// The event's data: the JSON of what it carries.
    pub fn data(&self) -> Result<String, serde_json::Error> {
        match self {
            Self::Snapshot(job) => serde_json::to_string(job),
            Self::Job(job) => serde_json::to_string(job),
            Self::Step(step) => serde_json::to_string(step),
        }
    }

    /// Reads an event by its name and data; `None` for names this build does not know.
    pub fn parse(name: &str, data: &str) -> Option<Result<Self, serde_json::Error>> {
        Some(match name {
            "snapshot" => serde_json::from_str(data).map(Self::Snapshot),
            "job" => serde_json::from_str(data).map(Self::Job),
            "step" => serde_json::from_str(data).map(Self::Step),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_reads_back_as_its_value() {
        for status in StepStatus::ALL {
            assert_eq!(StepStatus::parse(status.as_str()), Some(*status));
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::json!(status.as_str())
            );
        }
        assert_eq!(JobStatus::parse("exploded"), None);
    }

    #[test]
    fn an_event_travels_as_its_name_and_data_and_reads_back() {
        let step = Step {
            id: 7,
            job_id: 1,
            round: 0,
            kind: StepKind::DeleteApp,
            resource: "app JupyterLab/default".to_owned(),
            app_type: Some("JupyterLab".to_owned()),
            app_name: Some("default".to_owned()),
            space_name: None,
            status: StepStatus::Done,
            phase: Phase::Wait,
            calls: 1,
            outcome: Some("deleted".to_owned()),
            detail: None,
            error: None,
            started_at: Some(EpochMillis(1)),
            finished_at: Some(EpochMillis(2)),
            updated_at: EpochMillis(2),
        };
        let event = JobEvent::Step(step);
        let data = event.data().unwrap();
        assert_eq!(
            JobEvent::parse(event.name(), &data).unwrap().unwrap(),
            event
        );
        assert!(JobEvent::parse("gossip", "{}").is_none());
    }

    #[test]
    fn a_job_query_leaves_empty_filters_out() {
        let query = JobQuery {
            domain: "d-1".to_owned(),
            status: Some(JobStatus::Failed),
            ..JobQuery::default()
        };
        assert_eq!(query.to_query_string(), "?domain=d-1&status=failed");
    }
}
