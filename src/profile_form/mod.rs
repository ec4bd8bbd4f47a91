//! The add/edit-user form as one feature: the add-user, edit-user, request-a-profile,
//! edit-a-request and domain-policy pages all show it.
//!
//! | where | what lives there |
//! |---|---|
//! | `model/` | the request being built (a model `CreateUserProfileRequest`), live validation, the values a policy fixes, paths to inputs, the AWS CLI and boto3 renderings; no views |
//! | `fields/` | the inputs, one kind per file, each bound to the request at its path |
//! | `sections/` | the form's sections (name and role, apps, Canvas, storage, ...) and the preview |
//! | `form.rs` | the form: sections, submit, the server's answer; where it sends (profile, request, policy) |
//! | `error_summary.rs` | the problems at the top of the form, each a link to its field |

mod error_summary;
pub mod fields;
mod form;
pub mod model;
pub mod sections;

pub use error_summary::{ERROR_SUMMARY_ID, ErrorSummary, errors_count, place_of, problem_link};
pub use form::{FormTarget, ProfileForm, SSO_IDENTIFIER, StoredForm, policy_of, request_from};
pub use model::{FormMode, FormOptions, FormState, Request, update_request, use_form};
