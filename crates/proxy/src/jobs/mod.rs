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
//! | `engine.rs` | the public handle: start, get, list, cancel, retry, resume, watch, plan; the replica's lease loop |
//! | `leases.rs` | renewing this replica's leases, stopping runners that lost theirs, claiming free jobs |
//! | `feed.rs` | following jobs other replicas run, for the watchers here; cancels asked elsewhere |
//! | `runners.rs` | the jobs this process runs: one task each, its cancel signal and fence |
//! | `runner.rs` | drives one job: planning, rounds, the order of steps, re-planning, the end |
//! | `delete.rs` | the delete steps: one procedure over a table of resource kinds (app, space, profile) |
//! | `wait_apps.rs` | the check that every app of the profile is Deleted or Failed |
//! | `remove_access.rs` | after the profile (SSO domains): the person's direct assignment to the domain's Studio application in IAM Identity Center |
//! | `steps.rs` | what every step shares: its record, patient calls, the wait with polls and resends |
//! | `plan.rs` | what a delete involves (also `GET .../delete-plan`) |
//! | `retry.rs` | one call retried after transient failures until a deadline |
//! | `shared.rs` | what the engine's runners share: database, client, settings, watchers |
//! | `events.rs` | live progress for Server-Sent Events |
//! | `record.rs` | jobs and steps as stored and shown |
//! | `config.rs` | timeouts, polling, concurrency |
//!
//! Calls go through the proxy's signed client ([`crate::sagemaker`]); which of its errors
//! are worth waiting out is [`crate::sagemaker::codes`]'s business, and the delays between
//! polls are a [`crate::backoff::Backoff`]. Modules depend on each other in that order
//! from the top of the table down (`engine` on `runner`, `runner` on the steps, the steps
//! on `steps`, and so on), never back up.

mod config;
mod delete;
mod engine;
mod events;
mod feed;
mod leases;
mod plan;
pub(crate) mod record;
mod remove_access;
mod retry;
mod runner;
mod runners;
mod shared;
mod steps;
mod wait_apps;

pub use config::JobsConfig;
pub use engine::{JobEngine, JobFilter, JobsError, MAX_LISTED_JOBS};
pub use events::JobEvent;
pub use plan::{AppAction, DeletePlan, Kept, PlanAccess, PlanSteps, PlannedApp, PlannedSpace};
pub use record::{Job, JobDetail, JobError, JobStatus, Phase, Step, StepKind, StepStatus};
