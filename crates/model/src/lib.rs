//! SageMaker Studio wire types and validation, shared by the browser app and the proxy.
//!
//! - The types (`generated.rs`) are generated from the vendored service model
//!   (`vendor/sagemaker-api-shapes.json`) by `cargo xtask codegen`: member names exactly as
//!   on the wire, optional members omitted when absent, enums with an `Unknown` fallback.
//! - [`validate`] checks a CreateUserProfile or UpdateUserProfile request against every
//!   constraint of the model and every rule AWS documents in prose, returning all problems
//!   at once with their paths.
//! - [`from_json_strict`] parses a request body and refuses members the model lacks.
//!
//! No I/O: this crate builds for the browser (wasm32) and natively.

mod domain;
mod generated;
mod operation;
mod pattern;
mod report;
mod strict;
mod timestamp;
pub mod validate;
pub mod wire_enum;

pub use domain::DomainContext;
pub use generated::*;
pub use operation::{Empty, Operation};
pub use pattern::Pattern;
pub use report::{Problem, ProblemKind, Report, Severity};
pub use strict::{JsonError, from_json_strict};
pub use timestamp::EpochSeconds;
pub use validate::{Validate, ValidateRequest, validate};
pub use wire_enum::WireEnum;
