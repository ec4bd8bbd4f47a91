//! The contract between the panel and the proxy: every JSON shape of studio-admin's own
//! API (beyond the SageMaker shapes, which come from `studio-admin-model`), the roles and
//! what each may do, the audit log's action names, and the error body.
//!
//! The proxy serializes these types, the panel deserializes the very same ones, and the
//! CLI parses [`Role`] from `--role`: one definition, so the two sides cannot drift. Like
//! the model crate it does no I/O and builds for wasm32; it stays small because the panel's
//! first visit has a download budget.
//!
//! | module | what |
//! |---|---|
//! | [`time`] | [`EpochMillis`]: the one unit of time of this API |
//! | [`access`] | [`Role`], [`User`] (the signed-in person), [`Permission`] and the predicates |
//! | [`session`] | `GET/POST /api/session` |
//! | [`domains`], [`profiles`] | domains, profile pages and details, their queries |
//! | [`tags`] | a profile's tags |
//! | [`running`], [`idle`] | the apps running in a domain, their hours, stopping them; effective idle shutdown |
//! | [`directory`] | people of an SSO domain's directory, and their Studio access |
//! | [`batch`] | a team from a file: the plan of its rows |
//! | [`jobs`], [`plan`] | delete jobs, their steps and events; what a delete removes and keeps |
//! | [`requests`], [`policy`] | onboarding requests and domain policies |
//! | [`audit`] | [`AuditAction`], [`AuditOutcome`], entries, pages, the query |
//! | [`validation`] | `POST /api/validate` |
//! | [`errors`] | [`ErrorBody`] of every error answer, and the proxy's own error codes |

pub mod access;
pub mod audit;
pub mod batch;
pub mod batches;
pub mod directory;
pub mod domains;
pub mod errors;
pub mod idle;
pub mod jobs;
pub mod plan;
pub mod policy;
pub mod profiles;
mod query;
pub mod requests;
pub mod running;
pub mod session;
mod spelled;
pub mod tags;
pub mod time;
pub mod validation;

pub use access::{DomainScope, Permission, Role, RoleParseError, Source, User};
pub use audit::{AuditAction, AuditEntry, AuditOutcome, AuditPage, AuditQuery, ExportFormat};
pub use batch::{BatchPlan, PlanBody, PlanCounts, PlanRow, RowAction};
pub use batches::{
    Batch, BatchDetail, BatchList, BatchRow, BatchStatus, RESULT_COLUMNS, RowCounts, RowStatus,
};
pub use directory::{
    AccessKind, DirectoryGroup, DirectoryGroups, DirectoryQuery, DirectoryUser, DirectoryUsers,
    GroupFile, MAX_DIRECTORY_USERS, PlanAccess, StudioAccess, profile_name_for,
};
pub use domains::{DefaultSettings, Domain, DomainList};
pub use errors::{ApiProblem, ErrorBody, codes};
pub use idle::{IdleShutdown, IdleSource, ProfileIdle};
pub use jobs::{
    Job, JobDetail, JobError, JobEvent, JobList, JobQuery, JobStatus, Phase, Step, StepKind,
    StepStatus,
};
pub use plan::{AppAction, DeletePlan, DeleteQuery, Kept, PlannedApp, PlannedSpace};
pub use policy::{DomainPolicy, PolicyUpdate};
pub use profiles::{CreatedProfile, ProfileDetail, ProfilePage, ProfileQuery};
pub use query::{encode, query_string};
pub use requests::{OnboardingRequest, RejectBody, RequestList, RequestQuery, RequestStatus};
pub use running::{
    AppRef, Cost, MAX_STOP_APPS, RunningApp, RunningApps, StopApps, StopResult, StopResults,
    UsageTotal,
};
pub use session::{DemoAccount, SessionInfo, SignIn};
pub use tags::ProfileTags;
pub use time::EpochMillis;
pub use validation::ValidationResult;
