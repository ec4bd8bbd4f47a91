//! The add/edit-user form's model, apart from its views (the fields and sections
//! beside this folder):
//!
//! - [`json_path`]: reading and writing the request's JSON by SageMaker path;
//! - [`state`]: the request, live validation, which messages show, domain defaults;
//! - [`paths`]: input ids from paths, focus for the error summary;
//! - [`json`]: JSON text and values without a serializer per request type;
//! - [`export`]: the request as an AWS CLI command and a boto3 script.

pub mod export;
pub mod json;
pub mod json_path;
pub mod paths;
pub mod state;

pub use state::{FormMode, FormOptions, FormState, Request, update_request, use_form};
