//! Safe offboarding: deleting a user profile as a durable, resumable job.
//!
//! AWS refuses DeleteUserProfile while the profile has live apps or owns spaces, and app
//! deletion takes minutes, so a delete is a job of steps stored in SQLite (see
//! [`crate::store`]): plan, delete every app, delete every owned space after its apps,
//! check that every app is Deleted or Failed, delete the profile. Each step's state is
//! written before and after its SageMaker call; a restarted proxy resumes every unfinished
//! job where its rows say it stopped, and every step is safe to repeat.
//!
//! | file | job |
//! |---|---|
//! | `engine.rs` | the public handle: start, get, list, cancel, retry, resume, watch |
//! | `runner.rs` | drives one job: rounds, the order of steps, re-planning, the end |
//! | `steps.rs` | what each kind of step does against SageMaker |
//! | `plan.rs` | what a delete involves (also `GET .../delete-plan`) |
//! //! | `retry.rs` | one call retried after transient failures until a deadline |
//! | `events.rs` | live progress for Server-Sent Events |
//! | `record.rs` | jobs and steps as stored and shown |
//! | `config.rs` | timeouts, polling, concurrency |

mod config;
mod engine;
mod events;
mod plan;
pub(crate) mod record;
mod retry;
mod runner;
mod steps;

pub use config::JobsConfig;
pub use engine::{JobEngine, JobFilter, JobsError, MAX_LISTED_JOBS};
pub use events::JobEvent;
pub use plan::{AppAction, DeletePlan, Kept, PlanSteps, PlannedApp, PlannedSpace};
pub use record::{Job, JobDetail, JobError, JobStatus, Phase, Step, StepKind, StepStatus};
