//! Jobs and steps as stored and shown: the API contract's types (`studio-admin-api`),
//! re-exported here for the engine.

pub use studio_admin_api::{
    Job, JobDetail, JobError, JobStatus, Phase, Step, StepKind, StepStatus,
};
