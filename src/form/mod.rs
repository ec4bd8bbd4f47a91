//! The add/edit-user form's model, apart from its views (which live in
//! `pages/profile_form/` and `components/fields/`):
//!
//! - [`lens`]: how an input reads and writes one member of the request, and its path;
//! - [`state`]: the request, live validation, which messages show, domain defaults;
//! - [`paths`]: input ids from paths, focus for the error summary;
//! - [`json`]: JSON text and values without a serializer per request type;
//! - [`export`]: the request as an AWS CLI command and a boto3 script.

pub mod export;
pub mod json;
pub mod lens;
pub mod paths;
pub mod state;

pub use lens::{Lens, Request};
pub use state::{FormMode, FormState, update_request, use_form};
