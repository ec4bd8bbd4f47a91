//! SageMaker Studio wire types and validation, shared by the browser app and the proxy,
//! and the wire types of IAM Identity Center's two APIs the proxy calls.
//!
//! - The SageMaker types (`generated.rs`, at the crate root) are generated from the
//!   vendored service model (`vendor/sagemaker-api-shapes.json`, with the tag operations
//!   of `vendor/sagemaker-tags-api-shapes.json`) by `cargo xtask codegen`: member names
//!   exactly as on the wire, optional members omitted when absent, enums with an `Unknown`
//!   fallback. [`identitystore`] and [`sso_admin`] are generated the same way from their
//!   models. Every operation's input implements [`Operation`] (target, signing name,
//!   output type).
//! - [`validate`] checks a CreateUserProfile or UpdateUserProfile request against every
//!   constraint of the model and every rule AWS documents in prose, returning all problems
//!   at once with their paths.
//! - [`from_json_strict`] parses a request body and refuses members the model lacks.
//!
//! No I/O: this crate builds for the browser (wasm32) and natively.

pub mod columns;
mod domain;
mod generated;
/// IAM Identity Center's directory API (Identity Store, `X-Amz-Target: AWSIdentityStore.*`,
/// signing name `identitystore`): users, groups and memberships. Generated from
/// `vendor/identitystore-api-shapes.json`.
#[path = "generated/identitystore.rs"]
pub mod identitystore;
mod operation;
mod pattern;
mod report;
/// IAM Identity Center's admin API (SSO Admin, `X-Amz-Target: SWBExternalService.*`,
/// signing name `sso`): instances, applications and who is assigned to them. Generated
/// from `vendor/sso-admin-api-shapes.json`.
#[path = "generated/sso_admin.rs"]
pub mod sso_admin;
mod strict;
pub mod table;
mod timestamp;
pub mod validate;
pub mod wire_enum;

pub use domain::DomainContext;
pub use generated::*;
pub use operation::{Empty, Operation, ServiceMetadata};
pub use pattern::Pattern;
pub use report::{Problem, ProblemKind, Report, Severity};
pub use strict::{JsonError, from_json_strict};
pub use timestamp::EpochSeconds;
pub use validate::{Validate, ValidateRequest, is_reserved_tag_key, validate, validate_tag_set};
pub use wire_enum::WireEnum;
