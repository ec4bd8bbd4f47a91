//! An embedded SageMaker API emulator: user profiles, apps, spaces and domains over
//! SageMaker's awsJson1.1 protocol, faithful to AWS on the wire and in its rules.
//!
//! It is studio-admin's default backend for demos (no AWS account needed) and the ground
//! its tests stand on: clients talk to it exactly as to AWS (`POST /`,
//! `X-Amz-Target: SageMaker.<Operation>`, SigV4), and with credentials configured it
//! verifies signatures, so a client that signs wrongly fails against it as against AWS.
//!
//! - In-process: [`router`] gives an axum `Router` for `tower::ServiceExt::oneshot`;
//!   [`spawn`] serves on a socket (port 0 for tests) and returns a [`RunningEmulator`].
//! - Standalone: [`cli::run`] with [`cli::EmulatorArgs`] (`studio-admin emulator`).
//! - Calls: [`Emulator::calls`] is the log of every call answered (operation, what it
//!   named, outcome), so tests count what a client did instead of inferring it.
//! - Data: [`Seed::Demo`] for a realistic team, or the `Emulator::seed_*` methods for
//!   states the API cannot produce (a `Failed` app, a `Delete_Failed` profile).
//!
//! Layout: `api/` is the HTTP face (signature checks, dispatch, AWS-worded validation,
//! fault injection); `ops/` holds the operations, one file per resource; `store.rs`
//! the records; `lifecycle.rs` the status timelines; `paging.rs` and `seal.rs` the
//! NextTokens; `seed.rs` the demo data.

mod api;
mod calls;
pub mod cli;
mod clock;
mod config;
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

pub use api::{OPERATIONS, router};
pub use calls::{Call, CallOutcome};
pub use config::{EmulatorConfig, Faults, Seed, Timings};
pub use emulator::Emulator;
pub use error::{ApiError, ErrorCode};
pub use server::{RunningEmulator, serve, spawn};
