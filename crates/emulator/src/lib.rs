//! An embedded SageMaker API emulator: user profiles, apps, spaces, domains and their
//! tags over SageMaker's awsJson1.1 protocol, with the parts of IAM Identity Center that
//! SSO-mode domains rely on (the Identity Store's directory, SSO Admin's applications and
//! assignments) on the same port, faithful to AWS on the wire and in its rules.
//!
//! It is studio-admin's default backend for demos (no AWS account needed) and the ground
//! its tests stand on: clients talk to it exactly as to AWS (`POST /`,
//! `X-Amz-Target: SageMaker.<Operation>`, `AWSIdentityStore.<Operation>` or
//! `SWBExternalService.<Operation>`, SigV4 with the service's signing name: `sagemaker`,
//! `identitystore`, `sso`), and with credentials configured it
//! verifies signatures, so a client that signs wrongly fails against it as against AWS.
//!
//! - In-process: [`router`] gives an axum `Router` for `tower::ServiceExt::oneshot`;
//!   [`spawn`] serves on a socket (port 0 for tests) and returns a [`RunningEmulator`].
//! - Standalone: [`cli::run`] with [`cli::EmulatorArgs`] (`studio-admin emulator`).
//! - Calls: [`Emulator::calls`] is the log of every call answered (operation, what it
//!   named, outcome), so tests count what a client did instead of inferring it.
//! - Data: [`Seed::Demo`] for a realistic team, or the `Emulator::seed_*` methods for
//!   states the API cannot produce (a `Failed` app, a `Delete_Failed` profile, an app
//!   idle for hours, the people and groups of the Identity Center directory, which the
//!   Identity Store API only reads).
//!
//! Layout: `api/` is the HTTP face (signature checks, dispatch, AWS-worded validation,
//! fault injection); `ops/` holds the operations, one file per resource or service
//! area; `store.rs` the records, `directory.rs` those of IAM Identity Center;
//! `lifecycle.rs` the status timelines; `paging.rs` and `seal.rs` the NextTokens;
//! `seed.rs` the demo data.

mod api;
mod calls;
pub mod cli;
mod clock;
mod config;
mod directory;
mod emulator;
mod error;
mod ids;
mod lifecycle;
mod ops;
mod paging;
mod seal;
mod seed;
mod server;
mod store;

pub use api::{IDENTITY_STORE_OPERATIONS, OPERATIONS, SSO_ADMIN_OPERATIONS, router};
pub use calls::{Call, CallOutcome};
pub use config::{EmulatorConfig, Faults, Seed, Timings};
pub use emulator::{DirectoryUser, Emulator};
pub use error::{ApiError, ErrorCode};
pub use server::{RunningEmulator, serve, spawn};
