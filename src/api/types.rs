//! The JSON the proxy answers with, beyond the SageMaker shapes themselves (which come
//! from the model crate). Every member the page can live without has a default, so a
//! proxy that adds members, or leaves some out, does not break the page.

use serde::Deserialize;
use studio_admin_model::{
    AppDetails, AppNetworkAccessType, AuthMode, DescribeUserProfileResponse, DomainContext,
    EpochSeconds, ProblemKind, Severity, SpaceDetails, Tag, UserProfileDetails,
};

/// `GET /api/domains`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct DomainList {
    /// DescribeDomain of every domain.
    #[serde(default)]
    pub domains: Vec<Domain>,
}

/// A Studio domain: the members of DescribeDomain the panel uses (the answer has many
/// more; reading only these keeps the app small).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Domain {
    /// `DomainId`.
    #[serde(rename = "DomainId", default)]
    pub domain_id: Option<String>,
    /// `DomainName`.
    #[serde(rename = "DomainName", default)]
    pub domain_name: Option<String>,
    /// `Status` (`InService`, ...).
    #[serde(rename = "Status", default)]
    pub status: Option<String>,
    /// `AuthMode`: how people sign in.
    #[serde(rename = "AuthMode", default)]
    pub auth_mode: Option<AuthMode>,
    /// `AppNetworkAccessType`: how apps reach the network.
    #[serde(rename = "AppNetworkAccessType", default)]
    pub app_network_access_type: Option<AppNetworkAccessType>,
    /// `DefaultUserSettings`: what profiles inherit, as JSON. Kept untyped because the
    /// domain list is on the first page a person sees: a typed `UserSettings` would pull
    /// the whole settings tree's parser into the main wasm module, where the bundle budget
    /// is tightest. The add-user form reads it as JSON anyway (its placeholders).
    #[serde(rename = "DefaultUserSettings", default)]
    pub default_user_settings: Option<serde_json::Value>,
}

impl Domain {
    /// What validation needs to know about the domain (what AWS assumes when a member is
    /// absent: IAM sign-in, public internet).
    pub fn context(&self) -> DomainContext {
        DomainContext {
            auth_mode: self.auth_mode.clone().unwrap_or(AuthMode::Iam),
            app_network_access_type: self
                .app_network_access_type
                .clone()
                .unwrap_or(AppNetworkAccessType::PublicInternetOnly),
            default_security_groups: self
                .default_setting("SecurityGroups")
                .and_then(|groups| groups.as_array())
                .map(|groups| {
                    groups
                        .iter()
                        .filter_map(|g| g.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The domain's default execution role (`DefaultUserSettings.ExecutionRole`).
    pub fn default_execution_role(&self) -> Option<&str> {
        self.default_setting("ExecutionRole")?.as_str()
    }

    /// One member of `DefaultUserSettings`.
    fn default_setting(&self, member: &str) -> Option<&serde_json::Value> {
        self.default_user_settings.as_ref()?.get(member)
    }
}

/// `GET /api/domains/{domain}/profiles`: one page.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ProfilePage {
    /// The profiles of this page.
    #[serde(default)]
    pub profiles: Vec<UserProfileDetails>,
    /// The token of the next page; absent on the last one.
    #[serde(default)]
    pub next: Option<String>,
}

/// `GET /api/domains/{domain}/profiles/{name}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ProfileDetail {
    /// DescribeUserProfile.
    pub profile: DescribeUserProfileResponse,
    /// The profile's apps, Deleted ones included.
    #[serde(default)]
    pub apps: Vec<AppDetails>,
    /// The spaces the profile owns.
    #[serde(default)]
    pub spaces: Vec<SpaceDetails>,
    /// The profile's tags, when the proxy includes them (DescribeUserProfile has none).
    #[serde(default)]
    pub tags: Option<Vec<Tag>>,
}

/// `GET .../profiles/{name}/delete-plan`: what a delete removes and what it keeps.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct DeletePlan {
    /// The profile's domain.
    #[serde(default)]
    pub domain_id: String,
    /// The profile, as AWS spells it.
    #[serde(default)]
    pub profile_name: String,
    /// The profile's status now.
    #[serde(default)]
    pub profile_status: Option<String>,
    /// The user id of the home directory on the domain's EFS volume (it stays).
    #[serde(default)]
    pub home_efs_file_system_uid: Option<String>,
    /// The profile's own apps.
    #[serde(default)]
    pub apps: Vec<PlannedApp>,
    /// The spaces the profile owns, each with its apps.
    #[serde(default)]
    pub spaces: Vec<PlannedSpace>,
    /// What the delete leaves in place.
    #[serde(default)]
    pub kept: Vec<Kept>,
}

/// One app in a delete plan.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct PlannedApp {
    /// `JupyterLab`, `KernelGateway`, ...
    #[serde(default)]
    pub app_type: String,
    /// The app's name.
    #[serde(default)]
    pub app_name: String,
    /// Its status when planned.
    #[serde(default)]
    pub status: Option<String>,
    /// The space it runs in, for space apps.
    #[serde(default)]
    pub space_name: Option<String>,
    /// `delete`, `wait` (AWS is deleting it already) or `none` (nothing to do).
    #[serde(default)]
    pub action: String,
    /// Why nothing is done, when nothing is.
    #[serde(default)]
    pub note: Option<String>,
}

/// One owned space in a delete plan.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct PlannedSpace {
    /// The space's name.
    #[serde(default)]
    pub space_name: String,
    /// Its status when planned.
    #[serde(default)]
    pub status: Option<String>,
    /// Its apps, deleted before the space.
    #[serde(default)]
    pub apps: Vec<PlannedApp>,
}

/// Something a delete leaves in place.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Kept {
    /// What it is.
    #[serde(default)]
    pub what: String,
    /// Its identifier.
    #[serde(default)]
    pub id: Option<String>,
    /// Why it stays.
    #[serde(default)]
    pub why: String,
}

/// Where a delete job stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Steps are running or will run.
    #[default]
    Running,
    /// The profile is gone.
    Succeeded,
    /// A step failed; the job can be retried.
    Failed,
    /// Cancelled on request.
    Cancelled,
    /// A status this build does not know.
    #[serde(other)]
    Unknown,
}

impl JobStatus {
    /// The status in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Running => "Running",
            Self::Succeeded => "Succeeded",
            Self::Failed => "Failed",
            Self::Cancelled => "Cancelled",
            Self::Unknown => "Unknown",
        }
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Not started.
    #[default]
    Pending,
    /// Started.
    Running,
    /// Finished.
    Done,
    /// Not run because an earlier step failed.
    Skipped,
    /// Failed or timed out.
    Failed,
    /// Not run, or stopped waiting, because the job was cancelled.
    Cancelled,
    /// Replaced by a new plan (something appeared while deleting).
    Superseded,
    /// A status this build does not know.
    #[serde(other)]
    Unknown,
}

impl StepStatus {
    /// The status in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Waiting",
            Self::Running => "In progress",
            Self::Done => "Done",
            Self::Skipped => "Skipped",
            Self::Failed => "Failed",
            Self::Cancelled => "Cancelled",
            Self::Superseded => "Replanned",
            Self::Unknown => "Unknown",
        }
    }

    /// Whether the step has stopped, one way or another (it counts towards progress).
    pub fn is_settled(self) -> bool {
        !matches!(self, Self::Pending | Self::Running)
    }
}

/// Why a job failed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct JobError {
    /// The step that failed.
    #[serde(default)]
    pub step: String,
    /// The resource it acted on.
    #[serde(default)]
    pub resource: String,
    /// What went wrong, in AWS's words where AWS said something.
    #[serde(default)]
    pub reason: String,
}

/// A delete job without its steps.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Job {
    /// The job id.
    pub id: i64,
    /// The profile's domain.
    #[serde(default)]
    pub domain_id: String,
    /// The profile being deleted.
    #[serde(default)]
    pub profile_name: String,
    /// Where the job stands.
    #[serde(default)]
    pub status: JobStatus,
    /// Whether a cancel was asked for.
    #[serde(default)]
    pub cancel_requested: bool,
    /// 1 for the first run, +1 for each retry.
    #[serde(default)]
    pub attempt: i64,
    /// `deleted` or `already deleted` once succeeded.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Why it failed.
    #[serde(default)]
    pub error: Option<JobError>,
    /// The home directory's user id on EFS (it stays).
    #[serde(default)]
    pub home_efs_file_system_uid: Option<String>,
    /// When the job was created.
    #[serde(default)]
    pub created_at: Option<EpochSeconds>,
    /// When it finished.
    #[serde(default)]
    pub finished_at: Option<EpochSeconds>,
}

/// One step of a delete job.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Step {
    /// The step id.
    pub id: i64,
    /// `plan`, `delete_app`, `delete_space`, `wait_apps` or `delete_profile`.
    #[serde(default)]
    pub kind: String,
    /// What it acts on, in words (`app JupyterLab/default`).
    #[serde(default)]
    pub resource: String,
    /// Where it stands.
    #[serde(default)]
    pub status: StepStatus,
    /// What happened, once finished.
    #[serde(default)]
    pub outcome: Option<String>,
    /// The last thing AWS said about the resource.
    #[serde(default)]
    pub detail: Option<String>,
    /// Why it failed.
    #[serde(default)]
    pub error: Option<String>,
}

/// A job with its steps (`GET /api/jobs/{id}`, and the `snapshot` event).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct JobDetail {
    /// The job.
    #[serde(flatten)]
    pub job: Job,
    /// Its steps, in planned order.
    #[serde(default)]
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

/// `GET /api/jobs`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct JobList {
    /// The jobs, newest first.
    #[serde(default)]
    pub jobs: Vec<Job>,
}

/// One message of a job's event stream.
#[derive(Debug, Clone, PartialEq)]
pub enum JobEvent {
    /// The whole job (first message, and after falling behind).
    Snapshot(JobDetail),
    /// The job's own row changed.
    Job(Job),
    /// A step was added or changed.
    Step(Step),
}

impl JobEvent {
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

/// One problem in an error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ApiProblem {
    /// Where, in SageMaker member names (empty: the whole request).
    #[serde(default)]
    pub path: String,
    /// What is wrong.
    #[serde(default)]
    pub message: String,
    /// Error or warning.
    #[serde(default = "error_severity")]
    pub severity: Severity,
    /// The kind of rule, for validation problems.
    #[serde(default)]
    pub kind: Option<ProblemKind>,
}

fn error_severity() -> Severity {
    Severity::Error
}

/// The body of every error answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ErrorBody {
    /// What makes the request fail.
    #[serde(default)]
    pub errors: Vec<ApiProblem>,
    /// What would hurt, though accepted.
    #[serde(default)]
    pub warnings: Vec<ApiProblem>,
    /// AWS's error code, when AWS refused.
    #[serde(default)]
    pub code: Option<String>,
}

/// What a role may do (each includes the one before).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(from = "String")]
pub enum Role {
    /// Reads lists and details. Also the role of a name this build does not know, so an
    /// unknown role is offered the least.
    #[default]
    Viewer,
    /// Asks for their own profile, sees their own requests, opens their own Studio.
    Requester,
    /// Creates, edits and deletes profiles and decides requests in their domains.
    Lead,
    /// Everything in every domain, and the audit log.
    Admin,
}

impl From<String> for Role {
    fn from(name: String) -> Self {
        match name.as_str() {
            "requester" => Self::Requester,
            "lead" => Self::Lead,
            "admin" => Self::Admin,
            _ => Self::Viewer,
        }
    }
}

impl Role {
    /// The role in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Requester => "requester",
            Self::Lead => "lead",
            Self::Admin => "admin",
        }
    }
}

/// The signed-in person (`GET /api/session`'s `user`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct SessionUser {
    /// The sign-in name.
    #[serde(default)]
    pub name: String,
    /// What they may do.
    #[serde(default)]
    pub role: Role,
    /// The domains they may act in; `["*"]` for all.
    #[serde(default)]
    pub domains: Vec<String>,
    /// Their own SageMaker user profile name.
    #[serde(default)]
    pub profile: String,
    /// How they signed in: `password`, `header` or `open`.
    #[serde(default)]
    pub source: String,
}

impl SessionUser {
    /// Whether the person may act in `domain` at all (admins: every domain).
    pub fn in_scope(&self, domain: &str) -> bool {
        self.role == Role::Admin || self.domains.iter().any(|d| d == "*" || d == domain)
    }

    /// Whether `profile` is the person's own (SageMaker names ignore case here).
    pub fn owns(&self, profile: &str) -> bool {
        !self.profile.is_empty() && self.profile.eq_ignore_ascii_case(profile)
    }
}

/// A demo account offered on the sign-in page (demo mode only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DemoAccount {
    /// The sign-in name.
    #[serde(default)]
    pub name: String,
    /// Its role.
    #[serde(default)]
    pub role: Role,
    /// Its password (public: these accounts exist only in demo mode).
    #[serde(default)]
    pub password: String,
}

/// `GET /api/session` and `POST /api/session`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct SessionInfo {
    /// The signed-in person; `None` when signed out.
    #[serde(default)]
    pub user: Option<SessionUser>,
    /// The token every state-changing request carries in `X-CSRF-Token`.
    #[serde(default)]
    pub csrf_token: Option<String>,
    /// When the session ends (epoch milliseconds).
    #[serde(default)]
    pub expires_at: Option<f64>,
    /// Accounts offered for one-click sign-in (demo mode).
    #[serde(default)]
    pub demo_accounts: Vec<DemoAccount>,
}

/// Where an onboarding request stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Waiting for a lead.
    #[default]
    Pending,
    /// A lead approved it; the profile is being created.
    Approving,
    /// The profile was created.
    Approved,
    /// A lead turned it down, with a reason.
    Rejected,
    /// A status this build does not know.
    #[serde(other)]
    Unknown,
}

impl RequestStatus {
    /// The status in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Approving => "Approving",
            Self::Approved => "Approved",
            Self::Rejected => "Rejected",
            Self::Unknown => "Unknown",
        }
    }

    /// The status as the API spells it (for filters).
    pub fn wire(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approving => "approving",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Unknown => "",
        }
    }
}

/// An onboarding request: someone asking for their own profile.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct OnboardingRequest {
    /// The request id.
    pub id: i64,
    /// The domain the profile is for.
    #[serde(default)]
    pub domain_id: String,
    /// The profile asked for.
    #[serde(default)]
    pub profile_name: String,
    /// Who asked.
    #[serde(default)]
    pub requester: String,
    /// Where it stands.
    #[serde(default)]
    pub status: RequestStatus,
    /// The CreateUserProfile request, as it will be sent.
    #[serde(default)]
    pub request: serde_json::Value,
    /// Why it was rejected.
    #[serde(default)]
    pub reason: Option<String>,
    /// Why the last approval failed (AWS's words).
    #[serde(default)]
    pub error: Option<String>,
    /// Who approved or rejected it.
    #[serde(default)]
    pub decided_by: Option<String>,
    /// When (epoch milliseconds).
    #[serde(default)]
    pub decided_at: Option<f64>,
    /// The created profile's ARN, once approved.
    #[serde(default)]
    pub profile_arn: Option<String>,
    /// When it was asked for (epoch milliseconds).
    #[serde(default)]
    pub created_at: Option<f64>,
    /// When it last changed (epoch milliseconds).
    #[serde(default)]
    pub updated_at: Option<f64>,
}

/// `GET /api/requests`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RequestList {
    /// The requests, newest first.
    #[serde(default)]
    pub requests: Vec<OnboardingRequest>,
}

/// A domain's policy: what a lead fixed for requesters.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct DomainPolicy {
    /// A partial CreateUserProfile request; each value in it is fixed.
    #[serde(default)]
    pub fixed: serde_json::Value,
    /// Who set it last.
    #[serde(default)]
    pub updated_by: Option<String>,
    /// When (epoch milliseconds).
    #[serde(default)]
    pub updated_at: Option<f64>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AuditEntry {
    /// The entry id (pages are asked for by id).
    pub id: i64,
    /// When (epoch milliseconds).
    #[serde(default)]
    pub at: f64,
    /// Who (`-` when nobody signed in).
    #[serde(default)]
    pub actor: String,
    /// Their role then.
    #[serde(default)]
    pub role: Option<String>,
    /// Where the request came from.
    #[serde(default)]
    pub source_ip: Option<String>,
    /// What was done (`profile.create`, ...).
    #[serde(default)]
    pub action: String,
    /// The domain it concerned.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The profile name, or request or job id.
    #[serde(default)]
    pub target: Option<String>,
    /// The resource's ARN.
    #[serde(default)]
    pub arn: Option<String>,
    /// What was asked for, without secrets.
    #[serde(default)]
    pub summary: Option<serde_json::Value>,
    /// `ok`, `refused` or `failed`.
    #[serde(default)]
    pub outcome: String,
    /// The HTTP status answered.
    #[serde(default)]
    pub status: u16,
    /// What was said, when something went wrong.
    #[serde(default)]
    pub message: Option<String>,
    /// The request id, to find it in the server's logs.
    #[serde(default)]
    pub request_id: Option<String>,
}

/// `GET /api/audit`: one page, newest first.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AuditPage {
    /// The entries.
    #[serde(default)]
    pub entries: Vec<AuditEntry>,
    /// The id to ask for the next (older) page with; absent on the last.
    #[serde(default)]
    pub next: Option<i64>,
}
