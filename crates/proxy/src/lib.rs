//! studio-admin's backend: serves the SPA and a JSON API whose every call maps to a fixed,
//! validated SageMaker operation, signed with SigV4 (see DESIGN.md in the repository).
//!
//! - [`app()`]: the router (API, SPA, layers). [`routes`]: the API handlers, one file per
//!   resource. [`error`]: the one error type and its responses.
//! - [`sagemaker`]: the signed client with retries, timeouts and clock-skew correction
//!   (SageMaker, and IAM Identity Center's Identity Store and SSO Admin);
//!   [`identity`]: SSO domains' directories, their people and their Studio access;
//!   [`backoff`]: the growing delays its retries and the delete jobs' polls wait.
//! - [`auth`]: sign-in, sessions, identity headers, roles and CSRF; [`audit`]: the audit
//!   log of every change.
//! - [`cli`], [`config`], [`commands`]: the binary's command line and what it runs;
//!   [`demo`]: the embedded emulator as backend.
//! - [`batch`]: a team from a file, planned row by row (the route and `studio-admin plan`).
//! - [`prices`]: `--prices FILE`, hourly prices of instance types; [`usage`]: the running
//!   page's hours, idle flags, costs and totals.
//! - [`probes`]: `/healthz`, `/readyz` and `/metrics` for load balancers and monitoring;
//!   [`metrics`]: the metrics' names, defined once.

pub mod app;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod backoff;
pub mod batch;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod error;
pub mod extract;
pub mod headers;
pub mod identity;
pub mod jobs;
pub mod metrics;
pub mod prices;
pub mod probes;
pub mod routes;
pub mod sagemaker;
pub mod shutdown;
pub mod state;
pub mod store;
pub mod streams;
pub mod telemetry;
pub mod usage;

pub use app::app;
pub use error::AppError;
pub use state::{AppState, Settings};
